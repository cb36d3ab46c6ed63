using System.IO.Compression;
using System.Text;
using GridTrader.Configuration;

namespace GridTrader.Integration.Tests.Cli;

/// <summary>A temporary folder for configuration, candle and report files; deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gridtrader-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The embedded default configuration as a file, so no appsettings.json nearby can change a test.</summary>
    public string DefaultConfig() => Write("default.json", ConfigLoader.DefaultJson());

    /// <summary>A gzip candle file made of <paramref name="lines"/> (the header is added).</summary>
    public string Candles(string name, IEnumerable<string> lines)
    {
        var path = File(name);
        using var file = System.IO.File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes("timestamp_ms,open,high,low,close,volume\n" + string.Concat(lines.Select(l => l + "\n"))));
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
