using System.IO.Compression;
using System.Text;

namespace GridTrader.Exchanges.Tests.MarketData;

/// <summary>A candle file in its own temporary folder, deleted on dispose.</summary>
internal sealed class TempCandleFile : IDisposable
{
    public const string Header = "timestamp_ms,open,high,low,close,volume";

    private readonly string _folder = Directory.CreateTempSubdirectory("gridtrader-candles-").FullName;

    public TempCandleFile(string text, bool gzip = false, string fileName = "data.csv")
    {
        Path = System.IO.Path.Combine(_folder, fileName);
        var bytes = Encoding.UTF8.GetBytes(text);
        using var file = File.Create(Path);
        if (!gzip)
        {
            file.Write(bytes);
            return;
        }

        using var compressed = new GZipStream(file, CompressionLevel.Fastest);
        compressed.Write(bytes);
    }

    public string Path { get; }

    /// <summary>The header, then <paramref name="rows"/>, each ended by a line feed.</summary>
    public static TempCandleFile WithRows(IEnumerable<string> rows, bool gzip = false, string fileName = "data.csv") =>
        new(string.Concat(new[] { Header }.Concat(rows).Select(line => line + "\n")), gzip, fileName);

    /// <summary>Valid one-minute rows starting at open time 0.</summary>
    public static IEnumerable<string> MinuteRows(int count, int firstMinute = 0) =>
        Enumerable.Range(firstMinute, count).Select(m => $"{m * 60_000L},100,101,99,100.5,2");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
