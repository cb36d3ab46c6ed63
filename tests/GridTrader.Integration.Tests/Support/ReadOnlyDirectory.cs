namespace GridTrader.Integration.Tests.Support;

/// <summary>
/// A directory the test process cannot write: a 0555 directory for an ordinary user; for root (who writes anywhere the
/// permissions say no) a kernel directory that refuses new files. Null when neither exists here.
/// </summary>
internal static class ReadOnlyDirectory
{
    public static string? Create(string parent)
    {
        if (OperatingSystem.IsWindows()) return null;
        var path = Path.Combine(parent, "read-only");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                                   | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (!Writable(path)) return path;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Directory.Exists("/sys/kernel") && !Writable("/sys/kernel") ? "/sys/kernel" : null;
    }

    private static bool Writable(string directory)
    {
        var probe = Path.Combine(directory, ".probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
