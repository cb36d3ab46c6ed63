using GridTrader.Core.Indicators;

namespace GridTrader.Core.Tests.Indicators;

/// <summary>
/// Incremental indicators against the batch reference on the real candles shipped in
/// <c>data/</c>. These tests live in Core.Tests with a naive loader (see
/// <see cref="SampleCandles"/>) rather than in Exchanges.Tests, so the indicator maths is pinned
/// by the project that owns it, independently of the CSV reader.
/// </summary>
public class IndicatorRealDataTests
{
    public static TheoryData<string> Files => new() { "BTCUSDT-5m-2024.csv.gz", "BTCUSDT-1m-2025-07.csv.gz" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Ema_OnRealCloses_IncrementalEqualsBatchExactly(string file)
    {
        var closes = SampleCandles.Load(file).Select(c => (double)c.Close).ToArray();
        foreach (var period in new[] { 20, 50 })
        {
            var ema = new Ema(period);
            var incremental = Incremental.Values(closes, ema.Add, () => ema.Value);
            SeriesAssert.Identical(IndicatorMath.Ema(closes, period), incremental);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Atr_OnRealCandles_IncrementalEqualsBatchExactly(string file)
    {
        var candles = SampleCandles.Load(file);
        var atr = new Atr(14);
        var incremental = Incremental.Values(candles, c => atr.Add(c), () => atr.Value);
        SeriesAssert.Identical(IndicatorMath.Atr(candles, 14), incremental);
    }

    [Fact]
    public void RollingMean_OfRealAtr_MatchesBatchWithinRounding()
    {
        var atr = IndicatorMath.Atr(SampleCandles.Load("BTCUSDT-5m-2024.csv.gz"), 14)[13..];
        var mean = new RollingMean(96);
        var incremental = Incremental.Values(atr, mean.Add, () => mean.Value);
        // A fresh summation per window vs a running sum: equal up to rounding, bound 1e-12 relative.
        SeriesAssert.Close(IndicatorMath.RollingMean(atr, 96), incremental, 1e-12);
    }

    [Fact]
    public void Ema_ReplayedAfterReset_EqualsTheFirstRun()
    {
        // A late or corrected bar is handled by Reset and replay; the replay must be identical.
        var closes = SampleCandles.Load("BTCUSDT-1m-2025-07.csv.gz").Select(c => c.Close).ToArray();
        var ema = new Ema(50);
        foreach (var close in closes) ema.AddPrice(close);
        var first = ema.Value;
        ema.Reset();
        foreach (var close in closes) ema.AddPrice(close);
        Assert.Equal(first, ema.Value);
    }

    [Fact]
    public void SampleCandles_ShippedFiles_AreValid()
    {
        foreach (var file in new[] { "BTCUSDT-5m-2024.csv.gz", "BTCUSDT-1m-2025-07.csv.gz" })
            Assert.All(SampleCandles.Load(file), c => Assert.True(c.IsValid, c.ToString()));
    }
}
