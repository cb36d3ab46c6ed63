namespace GridTrader.Storage.Tests.Support;

/// <summary>A fresh data directory under the temp folder, deleted afterwards.</summary>
internal sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gridtrader-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => SqliteStore.DatabasePathIn(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still be exiting; the temp folder is cleaned by the OS eventually.
        }
    }
}
