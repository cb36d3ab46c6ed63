using FsCheck;
using FsCheck.Fluent;
using GridTrader.Core.MarketData;

namespace GridTrader.Core.Tests.Indicators;

/// <summary>A period or window for an indicator, 1 to 30.</summary>
public sealed record IndicatorPeriod(int Value);

/// <summary>Price-like inputs: 0.01 to 100,000.00, to cent precision.</summary>
public sealed record PriceSeries(double[] Values);

/// <summary>Valid candles at one-minute spacing: high ≥ max(open, close), low ≤ min(open, close), low > 0.</summary>
public sealed record CandleSeries(Candle[] Candles);

public static class IndicatorArbitraries
{
    private static readonly Gen<int> Cents = Gen.Choose(1, 10_000_000);

    public static Arbitrary<IndicatorPeriod> Period() =>
        Gen.Choose(1, 30).Select(p => new IndicatorPeriod(p)).ToArbitrary();

    public static Arbitrary<PriceSeries> Prices() =>
        Cents.Select(c => c / 100.0).ArrayOf().Select(v => new PriceSeries(v)).ToArbitrary();

    public static Arbitrary<CandleSeries> Candles() =>
        Gen.Zip(Gen.Zip(Cents, Cents), Gen.Zip(Gen.Choose(0, 50_000), Gen.Choose(0, 50_000)))
            .Select(t => Bar(t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2))
            .ArrayOf()
            .Select(bars => new CandleSeries([.. bars.Select((bar, i) => bar with { OpenTimeMs = i * 60_000L })]))
            .ToArbitrary();

    private static Candle Bar(int openCents, int closeCents, int upCents, int downCents)
    {
        var high = Math.Max(openCents, closeCents) + upCents;
        var low = Math.Max(1, Math.Min(openCents, closeCents) - downCents);
        return new Candle(0, openCents / 100m, high / 100m, low / 100m, closeCents / 100m, 1m);
    }
}
