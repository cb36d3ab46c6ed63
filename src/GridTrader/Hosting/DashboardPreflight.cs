using System.Net;
using System.Net.Sockets;

namespace GridTrader.Hosting;

/// <summary>
/// Checks before anything is started that the dashboard's port is free, so that a port in use is one clear line (and
/// nothing touched) rather than a failure half-way through start-up. The bind at start still decides (it may race).
/// </summary>
internal static class DashboardPreflight
{
    /// <summary>Null when <paramref name="url"/> can be listened on (or cannot be checked here), else the problem and its fix.</summary>
    public static string? Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port <= 0) return null;
        IPAddress address;
        if (uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _)) address = IPAddress.Loopback;
        else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed)) address = parsed;
        else return null;

        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // As Kestrel does: a port whose old connections linger in TIME_WAIT is free to listen on.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, uri.Port));
            socket.Listen(1);
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return $"the dashboard cannot listen on {url}: port {uri.Port} is in use (another GridTrader, or another program). " +
                   $"Set Dashboard:Url to a free port (e.g. http://127.0.0.1:{(uri.Port < 65535 ? uri.Port + 1 : 5081)}), or Dashboard:Enabled to false.";
        }
        catch (SocketException ex)
        {
            return $"the dashboard cannot listen on {url} ({ex.Message}). Set Dashboard:Url to a loopback address and a port above 1023, " +
                   "or Dashboard:Enabled to false.";
        }
    }

    /// <summary>A failure of the dashboard's start, as one line with its fix (null when it is not one of the known ones).</summary>
    public static string? Explain(string url, Exception ex) => ex switch
    {
        IOException =>
            $"the dashboard cannot listen on {url}: {ex.Message.TrimEnd('.')}. Set Dashboard:Url to a free port, or Dashboard:Enabled to false.",
        InvalidOperationException when url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) =>
            $"Dashboard:Url {url} is https, but no certificate is available for it ({ex.Message.TrimEnd('.')}). " +
            "Use an http:// URL on 127.0.0.1, or configure a certificate for the dashboard.",
        _ => null,
    };
}
