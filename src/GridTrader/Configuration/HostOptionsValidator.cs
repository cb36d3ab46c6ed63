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
        var url = host.Dashboard.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var dashboardUri) || dashboardUri.Scheme is not ("http" or "https"))
            problems.Add(new ConfigProblem($"{Root}:Dashboard:Url", $"'{url}' is not an http(s) URL."));
        else if (!dashboardUri.IsLoopback)
            problems.Add(new ConfigProblem($"{Root}:Dashboard:Url", "binds beyond loopback: every request will need the dashboard token.", true));
        return problems;
    }
}
