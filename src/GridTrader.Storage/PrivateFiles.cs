namespace GridTrader.Storage;

/// <summary>
/// The bot's files hold its trading state, its logs and its dashboard token: on Unix they are readable by their owner
/// only (directories 0700, files 0600), whatever the process's umask. On Windows the directory's ACL decides.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the directory (and its missing parents) readable by the owner only; an existing one is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Narrows an existing directory to its owner (0700); does nothing for a missing one or on Windows.</summary>
    public static void RestrictDirectory(string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(path)) return;
        if ((File.GetUnixFileMode(path) & ~DirectoryMode) != 0) File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>Narrows an existing file to its owner (0600); does nothing for a missing file or on Windows.</summary>
    public static void RestrictFile(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return;
        if ((File.GetUnixFileMode(path) & ~FileMode) != 0) File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>Creates an empty file readable by the owner only, unless it exists (then it is narrowed to 0600).</summary>
    public static void CreateFile(string path)
    {
        if (File.Exists(path))
        {
            RestrictFile(path);
            return;
        }

        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by someone else in between: narrow that one.
            RestrictFile(path);
        }
    }
}
