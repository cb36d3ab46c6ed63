namespace GridTrader.Storage;

/// <summary>
/// Keeps a second GridTrader from trading with the same data directory: an exclusive OS lock on
/// <c>&lt;dataDir&gt;/gridtrader.lock</c>, held until disposed. The operating system drops the lock when the
/// process ends in any way, kill -9 included, so a crash never leaves a stale lock behind (a PID file would).
/// </summary>
public sealed class InstanceLock : IDisposable
{
    public const string FileName = "gridtrader.lock";

    private readonly FileStream _stream;

    private InstanceLock(string path, FileStream stream)
    {
        LockPath = path;
        _stream = stream;
    }

    public string LockPath { get; }

    /// <summary>Takes the lock or throws <see cref="StoreException"/> naming the lock file when another process holds it.</summary>
    public static InstanceLock Acquire(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        PrivateFiles.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive lock: flock on Unix, a sharing violation on Windows.
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFiles.FileMode;
            stream = new FileStream(path, options);
        }
        catch (IOException ex)
        {
            throw new StoreException($"Another GridTrader instance is using this data directory: {path} is locked. " +
                "Stop that instance first; the lock is released as soon as it exits.", ex);
        }

        try
        {
            // For people looking at the file: which process holds it. The lock itself is what counts.
            stream.SetLength(0);
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.WriteLine(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return new InstanceLock(path, stream);
    }

    /// <summary>
    /// True when a process holds the lock of <paramref name="dataDirectory"/> right now (a bot is running there). Creates
    /// nothing: a directory without a lock file has never been locked.
    /// </summary>
    public static bool IsHeld(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        if (!File.Exists(path)) return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to probe: whoever reads the directory next reports the permission problem.
            return false;
        }
    }

    public void Dispose() => _stream.Dispose();
}
