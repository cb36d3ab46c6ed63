using System.Net;

namespace GridTrader.Configuration;

/// <summary>
/// The rule for reaching the dashboard from other machines: beyond loopback it needs HTTPS with a configured
/// certificate, or an explicit <see cref="DashboardOptions.AllowInsecureRemote"/> for a TLS-terminating reverse proxy in
/// front of it. One place decides, for the configuration check and for the server itself.
/// </summary>
public static class RemoteAccess
{
    /// <summary>True when <paramref name="uri"/> names this machine only (localhost, 127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>The one-line reason the binding is refused, or null when it is allowed.</summary>
    public static string? Refusal(DashboardOptions dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        if (!Uri.TryCreate(dashboard.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"'{dashboard.Url}' is not an http(s) URL.";
        if (uri.Scheme == "https" && string.IsNullOrWhiteSpace(dashboard.CertificateFile))
            return "an https:// dashboard needs Dashboard:CertificateFile (a PEM certificate with Dashboard:CertificateKeyFile, or a .pfx).";
        if (uri.Scheme == "http" && !IsLoopback(uri) && !dashboard.AllowInsecureRemote)
        {
            return $"refusing to serve the dashboard on {uri.Host} over plain HTTP: use an https:// URL with Dashboard:CertificateFile, " +
                "or set Dashboard:AllowInsecureRemote=true behind a reverse proxy that terminates TLS.";
        }

        return null;
    }
}
