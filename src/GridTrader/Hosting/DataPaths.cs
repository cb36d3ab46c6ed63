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
}
