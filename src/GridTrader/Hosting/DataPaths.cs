using GridTrader.Storage;

namespace GridTrader.Hosting;

/// <summary>Where a bot keeps its files inside its data directory.</summary>
internal sealed record DataPaths(string Root)
{
    public string Database => SqliteStore.DatabasePathIn(Root);
    public string Logs => Path.Combine(Root, "logs");
    public string TokenFile => Path.Combine(Root, "dashboard.token");

    /// <summary>Written by a running bot: the URL its dashboard/API actually listens on (the CLI reads it).</summary>
    public string UrlFile => Path.Combine(Root, "dashboard.url");

    public static DataPaths For(string directory) => new(Path.GetFullPath(directory));

    /// <summary>The files of one mode: <c>&lt;DataDirectory&gt;/&lt;mode in lower case&gt;</c>.</summary>
    public ModePaths ForMode(RunMode mode) => new(Path.Combine(Root, mode.ToString().ToLowerInvariant()), mode);
}

/// <summary>Where one mode keeps its database and logs (the lock, dashboard token and URL file stay at the data directory's root).</summary>
internal sealed record ModePaths(string Root, RunMode Mode)
{
    public string Database => SqliteStore.DatabasePathIn(Root);
    public string Logs => Path.Combine(Root, "logs");
}
