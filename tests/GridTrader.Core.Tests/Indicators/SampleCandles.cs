using System.Globalization;
using System.IO.Compression;
using GridTrader.Core.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Core.Tests.Indicators;

/// <summary>
/// Loads a shipped sample file from <c>data/</c>. Core cannot see the Exchanges project's
/// CandleCsvReader, and the indicator tests should not depend on the reader under test anyway,
/// so this is a deliberately naive parser: split on commas, <see cref="decimal.Parse(string, IFormatProvider)"/>.
/// </summary>
internal static class SampleCandles
{
    public static IReadOnlyList<Candle> Load(string fileName)
    {
        using var file = File.OpenRead(TestRepository.SampleData(fileName));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        Assert.Equal("timestamp_ms,open,high,low,close,volume", text.ReadLine());

        var candles = new List<Candle>();
        for (var line = text.ReadLine(); line is not null; line = text.ReadLine())
        {
            var f = line.Split(',');
            candles.Add(new Candle(
                long.Parse(f[0], CultureInfo.InvariantCulture),
                decimal.Parse(f[1], CultureInfo.InvariantCulture),
                decimal.Parse(f[2], CultureInfo.InvariantCulture),
                decimal.Parse(f[3], CultureInfo.InvariantCulture),
                decimal.Parse(f[4], CultureInfo.InvariantCulture),
                decimal.Parse(f[5], CultureInfo.InvariantCulture)));
        }

        return candles;
    }
}
