using System.Globalization;
using GridTrader.Storage;

namespace GridTrader.Hosting;

/// <summary>
/// Prepares a mode's state before a run touches it, under the data directory's instance lock: checks the directory,
/// archives what a fresh start replaces, migrates the single database of earlier versions, and refuses state that
/// belongs to another mode, exchange or account. Nothing is ever deleted: starting afresh renames the mode's directory
/// into <c>archive/&lt;mode&gt;-&lt;UTC time&gt;</c>.
/// </summary>
/// <remarks>
/// The old single database (<c>&lt;DataDirectory&gt;/gridtrader.db</c>) does not record which mode wrote it, and earlier
/// versions let simulated and paper runs overwrite it. Only a live run whose configuration's Mode is <c>live</c> adopts
/// it, as the live database (a consistent copy, after which the original files move to <c>archive/legacy-&lt;UTC time&gt;</c>);
/// every other run leaves it untouched and says how to claim or archive it.
/// </remarks>
internal static class StateDirectory
{
    public static PreparedState Prepare(DataPaths paths, RunMode mode, StateIdentity identity, bool fresh, bool adoptLegacy, TimeProvider time)
    {
        CheckRoot(paths.Root);
        InstanceLock instanceLock;
        try
        {
            instanceLock = InstanceLock.Acquire(paths.Root);
        }
        catch (StoreException ex)
        {
            throw new RuntimeSetupException(ex.Message);
        }

        try
        {
            var notes = new List<string>();
            var modePaths = paths.ForMode(mode);
            var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

            // A simulated exchange lives in memory: its run starts over, and so does its bot state.
            if ((mode == RunMode.Simulated || fresh) && HasContent(modePaths.Root))
            {
                var target = Archive(paths, modePaths.Root, $"{mode.Name()}-{stamp}");
                notes.Add($"the previous {mode.Name()} state was archived to {target}.");
            }

            if (File.Exists(paths.LegacyDatabase))
                notes.Add(Legacy(paths, modePaths, adoptLegacy, stamp));

            var recorded = ReadMeta(modePaths);
            if (recorded is not null && identity.Mismatch(recorded) is not null)
            {
                var fix = mode == RunMode.Paper
                    ? "run with --fresh to archive that paper state and start a new paper account, or use another --data-dir"
                    : "use a separate --data-dir for each exchange and account";
                throw new RuntimeSetupException($"{modePaths.Database} holds the state of {StateIdentity.Describe(recorded)}; this run is " +
                                                $"{identity.Describe()}. Nothing was changed: {fix}.");
            }

            Create(modePaths.Root);
            Create(Path.Combine(modePaths.Root, "logs"));
            PrivateFiles.CreateFile(paths.ModeFile);
            File.WriteAllText(paths.ModeFile, mode.Name());
            return new PreparedState(paths, modePaths, identity, instanceLock, notes);
        }
        catch
        {
            instanceLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The data directory must be a directory this process can write. It is created readable by its owner only, and an
    /// existing one that already holds GridTrader state is narrowed to that.
    /// </summary>
    public static void CheckRoot(string root)
    {
        if (File.Exists(root))
            throw new RuntimeSetupException($"the data directory {root} is a file, not a directory: pass --data-dir (or set DataDirectory) to a directory; it is created when missing.");
        try
        {
            var existed = Directory.Exists(root);
            PrivateFiles.CreateDirectory(root);
            if (existed && File.Exists(Path.Combine(root, InstanceLock.FileName))) PrivateFiles.RestrictDirectory(root);
            var probe = Path.Combine(root, $".write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new RuntimeSetupException($"the data directory {root} cannot be written ({Reason(ex)}): choose a writable --data-dir, or give your user write access to it.");
        }
    }

    private static string Reason(Exception ex) => ex is UnauthorizedAccessException ? "permission denied" : ex.Message.TrimEnd('.');

    private static IReadOnlyDictionary<string, string>? ReadMeta(ModePaths modePaths)
    {
        try
        {
            return SqliteStore.ReadMeta(modePaths.Root);
        }
        catch (StoreException ex)
        {
            throw new RuntimeSetupException(ex.Message);
        }
    }

    private static string Legacy(DataPaths paths, ModePaths modePaths, bool adopt, string stamp)
    {
        var legacy = paths.LegacyDatabase;
        if (!adopt || File.Exists(modePaths.Database))
        {
            var why = adopt ? $"the live database {modePaths.Database} exists already" : "it records no mode";
            return $"{legacy} is the single database of an earlier version and was left untouched ({why}). A live run (--live) with Mode live in " +
                   $"the configuration adopts it as the live state while {modePaths.Database} does not exist; to put it aside, move it and its " +
                   $"-wal and -shm files into {paths.Archive}.";
        }

        Create(modePaths.Root);
        try
        {
            SqliteStore.CopyDatabase(legacy, modePaths.Database);
        }
        catch (StoreException ex)
        {
            throw new RuntimeSetupException(ex.Message);
        }

        var target = Unique(Path.Combine(paths.Archive, $"legacy-{stamp}"));
        Create(paths.Archive);
        Create(target);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(legacy + suffix)) File.Move(legacy + suffix, Path.Combine(target, Path.GetFileName(legacy) + suffix));
        }

        return $"adopted {legacy} (the single database of an earlier version) as the live state in {modePaths.Database}; the original is kept in {target}.";
    }

    /// <summary>Renames <paramref name="directory"/> into the archive; returns where it went.</summary>
    private static string Archive(DataPaths paths, string directory, string name)
    {
        Create(paths.Archive);
        var target = Unique(Path.Combine(paths.Archive, name));
        Directory.Move(directory, target);
        return target;
    }

    private static string Unique(string path)
    {
        var candidate = path;
        for (var i = 2; Directory.Exists(candidate) || File.Exists(candidate); i++) candidate = $"{path}-{i}";
        return candidate;
    }

    private static bool HasContent(string directory) => Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any();

    private static void Create(string directory)
    {
        PrivateFiles.CreateDirectory(directory);
        PrivateFiles.RestrictDirectory(directory);
    }
}

/// <summary>A mode's state made ready for a run: the lock is held until this is disposed (or handed to the runtime).</summary>
internal sealed class PreparedState(DataPaths paths, ModePaths modePaths, StateIdentity identity, InstanceLock instanceLock, IReadOnlyList<string> notes)
    : IDisposable
{
    public DataPaths Paths { get; } = paths;
    public ModePaths ModePaths { get; } = modePaths;
    public StateIdentity Identity { get; } = identity;
    public InstanceLock Lock { get; } = instanceLock;

    /// <summary>What was done or found (archived state, an old database), for the person starting the run.</summary>
    public IReadOnlyList<string> Notes { get; } = notes;

    public void Dispose() => Lock.Dispose();
}
