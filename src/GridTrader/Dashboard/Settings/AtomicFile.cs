namespace GridTrader.Dashboard.Settings;

/// <summary>Replaces a file's contents all at once: a reader (or a crash) sees the old file or the new one, never half of it.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string contents)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // The new file keeps the old one's permissions (a configuration readable by its owner only stays so).
            if (!OperatingSystem.IsWindows() && File.Exists(path)) File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));

            // Same directory, so this is a rename: atomic on POSIX file systems and NTFS.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
