using GridTrader.Core.Markets;

namespace GridTrader.Core.MarketData;

/// <summary>
/// The one rule for moving a candle onto another price scale: shipped USDT data made to look like a NOK market,
/// reference-exchange candles scaled to a Firi market, the mock's follower markets. Percent moves, ATR in percent and
/// the EMA trend do not depend on the scale. With <see cref="PriceDecimals"/> set, prices land on the market's tick
/// (open and close rounded, wicks rounded outward so they still bracket them, low kept positive) and volume on 8 decimals.
/// </summary>
public readonly record struct CandleScale(decimal PriceFactor, decimal VolumeFactor = 1m, int? PriceDecimals = null)
{
    /// <summary>Leaves candles as they are.</summary>
    public static CandleScale Identity { get; } = new(1m);

    public bool IsIdentity => PriceFactor == 1m && VolumeFactor == 1m && PriceDecimals is null;

    /// <summary>True when <see cref="Apply"/> only multiplies the prices: no tick rounding and a volume factor of 1.</summary>
    public bool MultipliesPricesOnly => VolumeFactor == 1m && PriceDecimals is null;

    /// <summary>
    /// <see cref="Apply"/> for a scale that <see cref="MultipliesPricesOnly"/>, digit for digit the same candle: the volume
    /// is kept as is (a decimal times 1 keeps its digits and scale) and nothing is checked per candle. For a caller that
    /// steps many candles and asked <see cref="MultipliesPricesOnly"/> once.
    /// </summary>
    public Candle MultiplyPrices(in Candle c)
    {
        var f = PriceFactor;
        return new Candle(c.OpenTimeMs, c.Open * f, c.High * f, c.Low * f, c.Close * f, c.Volume);
    }

    /// <summary>The scale that takes <paramref name="referencePrice"/> to <paramref name="marketPrice"/>.</summary>
    public static CandleScale Between(decimal referencePrice, decimal marketPrice, int? priceDecimals = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(referencePrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(marketPrice);
        return new CandleScale(marketPrice / referencePrice, 1m, priceDecimals);
    }

    public Candle Apply(in Candle c)
    {
        if (IsIdentity) return c;
        var f = PriceFactor;
        if (PriceDecimals is not { } decimals)
            return new Candle(c.OpenTimeMs, c.Open * f, c.High * f, c.Low * f, c.Close * f, c.Volume * VolumeFactor);

        var tick = Quantizer.Step(decimals);
        var o = Math.Max(decimal.Round(c.Open * f, decimals), tick);
        var close = Math.Max(decimal.Round(c.Close * f, decimals), tick);
        var h = Math.Max(Quantizer.Ceiling(c.High * f, decimals), Math.Max(o, close));
        var l = Math.Max(Math.Min(Quantizer.Floor(c.Low * f, decimals), Math.Min(o, close)), tick);
        return new Candle(c.OpenTimeMs, o, h, l, close, Math.Max(decimal.Round(c.Volume * VolumeFactor, 8), 0m));
    }
}
