using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GridTrader.Configuration;
using GridTrader.Hosting;
using GridTrader.Storage;

namespace GridTrader.Doctor;

/// <summary><c>doctor</c>'s checks of this machine: configuration, data directory, lock, dashboard port, notification channels.</summary>
internal static class LocalChecks
{
    public static DoctorCheck Configuration(LoadedConfig config)
    {
        const string name = "configuration";
        if (config.HasErrors)
            return DoctorCheck.Fail(name, $"{config.Source}: " + string.Join("; ", config.Errors.Select(p => $"{p.Path}: {p.Message}"))
                + " (fix these keys; gridtrader config validate lists them).");
        var warnings = config.Warnings.Select(p => $"{p.Path}: {p.Message}").ToList();
        return DoctorCheck.Pass(name, $"{config.Source} is valid ({config.Options.Markets.Count(m => m.Enabled)} enabled market(s)).",
            warnings.Count == 0 ? null : string.Join("; ", warnings));
    }

    /// <summary>Writable, and closed to other users (it holds the database, the dashboard token and the logs).</summary>
    public static DoctorCheck DataDirectory(DataPaths paths)
    {
        const string name = "data directory";
        try
        {
            Directory.CreateDirectory(paths.Root);
            var probe = Path.Combine(paths.Root, $".doctor-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DoctorCheck.Fail(name, $"{paths.Root} is not writable ({ex.Message}): give the bot's user write access or choose --data-dir.");
        }

        if (OperatingSystem.IsWindows()) return DoctorCheck.Pass(name, $"{paths.Root} is writable.");
        var mode = File.GetUnixFileMode(paths.Root);
        var octal = Convert.ToString((int)mode, 8);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            return DoctorCheck.Fail(name, $"{paths.Root} (mode {octal}) can be written by other users: chmod 700 {paths.Root}.");
        string? warning = null;
        if ((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherExecute)) != 0)
            warning = $"other users can read {paths.Root} (mode {octal}): the database and the dashboard token are in there; chmod 700 {paths.Root}.";
        else if (File.Exists(paths.TokenFile) && (File.GetUnixFileMode(paths.TokenFile) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            warning = $"{paths.TokenFile} is readable by others: chmod 600 {paths.TokenFile}.";
        return DoctorCheck.Pass(name, $"{paths.Root} is writable (mode {octal}).", warning);
    }

    public static DoctorCheck Lock(DataPaths paths)
    {
        const string name = "lock";
        try
        {
            using (InstanceLock.Acquire(paths.Root))
            {
                return DoctorCheck.Pass(name, $"{Path.Combine(paths.Root, InstanceLock.FileName)} is free: no other GridTrader uses this data directory.");
            }
        }
        catch (StoreException ex)
        {
            return DoctorCheck.Fail(name, ex.Message);
        }
    }

    public static DoctorCheck DashboardPort(GridTrader.Configuration.HostOptions host)
    {
        const string name = "dashboard port";
        if (!host.Dashboard.Enabled) return DoctorCheck.Pass(name, "the dashboard is disabled (Dashboard:Enabled).");
        if (!Uri.TryCreate(host.Dashboard.Url, UriKind.Absolute, out var uri))
            return DoctorCheck.Fail(name, $"Dashboard:Url '{host.Dashboard.Url}' is not a URL.");
        if (uri.Port == 0) return DoctorCheck.Pass(name, $"{uri} takes any free port.");
        var address = uri.IsLoopback || uri.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host, out var ip) ? ip : IPAddress.Any;
        try
        {
            var listener = new TcpListener(address, uri.Port);
            listener.Start();
            listener.Stop();
            return DoctorCheck.Pass(name, string.Create(CultureInfo.InvariantCulture, $"{address}:{uri.Port} is free for the dashboard."));
        }
        catch (SocketException ex)
        {
            return DoctorCheck.Fail(name, string.Create(CultureInfo.InvariantCulture,
                $"{address}:{uri.Port} is in use ({ex.SocketErrorCode}): stop what listens there (another bot?) or change Dashboard:Url."));
        }
    }

    public static DoctorCheck Notifications(LoadedConfig config)
    {
        const string name = "notifications";
        var n = config.Host.Notifications;
        var problems = new List<string>();
        var channels = new List<string>();
        if (n.Telegram.Enabled)
        {
            if (config.Secrets.TelegramBotToken is null) problems.Add($"Telegram is enabled but {Secrets.TelegramTokenVariable} is not set (environment or .env)");
            if (string.IsNullOrWhiteSpace(n.Telegram.ChatId)) problems.Add("Telegram is enabled but Notifications:Telegram:ChatId is empty");
            channels.Add("Telegram");
        }

        if (n.Discord.Enabled)
        {
            if (config.Secrets.DiscordWebhookUrl is null) problems.Add($"Discord is enabled but {Secrets.DiscordWebhookVariable} is not set (environment or .env)");
            channels.Add("Discord");
        }

        if (problems.Count > 0) return DoctorCheck.Fail(name, string.Join("; ", problems) + ".");
        return channels.Count == 0
            ? DoctorCheck.Pass(name, "no notification channel configured.",
                "no notification channel: fills and risk events reach only the log and the dashboard; enable Notifications:Telegram or Notifications:Discord.")
            : DoctorCheck.Pass(name, $"{string.Join(" and ", channels)} configured.");
    }
}
