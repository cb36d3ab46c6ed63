using GridTrader.Logging;
using GridTrader.Storage;

namespace GridTrader.Hosting;

/// <summary>
/// Where a bot keeps its files. One bot runs per data directory: the instance lock, the dashboard token and URL file
/// live at its root. Each mode keeps its own state below it (<see cref="ForMode"/>): <c>simulated/</c>, <c>paper/</c>
/// and <c>live/</c>, each with its database and logs. Archived state goes to <c>archive/</c>; nothing is deleted.
/// </summary>
internal sealed record DataPaths(string Root)
{
    public string TokenFile => Path.Combine(Root, "dashboard.token");

    /// <summary>Written by a running bot: the URL its dashboard/API actually listens on (the CLI reads it).</summary>
    public string UrlFile => Path.Combine(Root, "dashboard.url");

    public string LockFile => Path.Combine(Root, InstanceLock.FileName);

    /// <summary>The mode of the bot that runs (or ran last) here; commands that find no bot running read that mode's state.</summary>
    public string ModeFile => Path.Combine(Root, "last-mode");

    /// <summary>Archived state: <c>&lt;mode&gt;-&lt;UTC time&gt;</c> directories, and <c>legacy-&lt;UTC time&gt;</c> for a migrated old database.</summary>
    public string Archive => Path.Combine(Root, "archive");

    /// <summary>The single database of versions before per-mode state (see <see cref="StateDirectory"/>).</summary>
    public string LegacyDatabase => SqliteStore.DatabasePathIn(Root);

    /// <summary>The files of one mode: <c>&lt;DataDirectory&gt;/&lt;mode in lower case&gt;</c>.</summary>
    public ModePaths ForMode(RunMode mode) => new(Path.Combine(Root, mode.ToString().ToLowerInvariant()), mode);

    /// <summary>The mode recorded by the last run here, or null when none was recorded (or the file is unreadable).</summary>
    public RunMode? LastMode()
    {
        try
        {
            return File.Exists(ModeFile) && RunModes.TryParse(File.ReadAllText(ModeFile).Trim(), out var mode) ? mode : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static DataPaths For(string directory) => new(Path.GetFullPath(directory));
}

/// <summary>
/// Where one mode keeps its database and logs: <c>&lt;DataDirectory&gt;/&lt;mode&gt;</c> (the lock, dashboard token and URL
/// file stay at the data directory's root).
/// </summary>
internal sealed record ModePaths(string Root, RunMode Mode)
{
    public string Database => SqliteStore.DatabasePathIn(Root);

    public string Logs => Path.Combine(Root, LoggingSetup.LogsFolder);
}
