using GridTrader.Core.Configuration;

namespace GridTrader.Configuration;

/// <summary>Checks the host's sections (dashboard, notifications), reporting each problem with the path of its key.</summary>
public static class HostOptionsValidator
{
    private const string Root = GridTraderOptions.SectionName;

    public static IReadOnlyList<ConfigProblem> Validate(HostOptions host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ConfigProblem>();
        ValidateDashboard(host.Dashboard, problems);
        ValidateTelegram(host.Notifications.Telegram, problems);
        return problems;
    }

    private static void ValidateDashboard(DashboardOptions dashboard, List<ConfigProblem> problems)
    {
        var path = $"{Root}:Dashboard";
        if (RemoteAccess.Refusal(dashboard) is { } refusal)
        {
            problems.Add(new ConfigProblem($"{path}:Url", refusal));
        }
        else if (Uri.TryCreate(dashboard.Url, UriKind.Absolute, out var uri) && RemoteAccess.IsLoopback(uri) && dashboard.AllowInsecureRemote)
        {
            problems.Add(new ConfigProblem($"{path}:AllowInsecureRemote",
                "behind a reverse proxy on this host: any host name is accepted and every request needs the dashboard token.", true));
        }
        else if (uri is not null && !RemoteAccess.IsLoopback(uri))
        {
            problems.Add(new ConfigProblem($"{path}:Url", uri.Scheme == "http"
                ? "plain HTTP beyond loopback (AllowInsecureRemote): only behind a reverse proxy that terminates TLS; every request needs the dashboard token."
                : "binds beyond loopback: every request will need the dashboard token.", true));
        }

        foreach (var (key, file) in new[] { ("CertificateFile", dashboard.CertificateFile), ("CertificateKeyFile", dashboard.CertificateKeyFile) })
        {
            if (!string.IsNullOrWhiteSpace(file) && !File.Exists(file))
                problems.Add(new ConfigProblem($"{path}:{key}", $"file not found: {Path.GetFullPath(file)}."));
        }

        if (!(dashboard.HistorySampleSeconds > 0))
            problems.Add(new ConfigProblem($"{path}:HistorySampleSeconds", "must be positive."));
        if (dashboard.HistoryMaxSamples < 100)
            problems.Add(new ConfigProblem($"{path}:HistoryMaxSamples", "must be at least 100."));
    }

    private static void ValidateTelegram(TelegramOptions telegram, List<ConfigProblem> problems)
    {
        if (!telegram.ControlEnabled) return;
        var path = $"{Root}:Notifications:Telegram";
        var chats = telegram.EffectiveControlChatIds();
        if (chats.Count == 0)
            problems.Add(new ConfigProblem($"{path}:ControlChatIds", "Telegram control needs at least one chat id (ControlChatIds, or ChatId)."));
        foreach (var chat in chats.Where(c => !long.TryParse(c, out _)))
            problems.Add(new ConfigProblem($"{path}:ControlChatIds", $"'{chat}' is not a numeric chat id (commands are matched by the chat's id)."));
        if (!Uri.TryCreate(telegram.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problems.Add(new ConfigProblem($"{path}:BaseUrl", $"'{telegram.BaseUrl}' is not an http(s) URL."));
    }
}
