using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.FiriMock.Market;

/// <summary>An endless series of candles for one market; their open times are set by whoever walks them.</summary>
internal interface ICandleSource : IDisposable
{
    Candle Next();
}

/// <summary>
/// Candles replayed from a CSV file with their prices scaled (USDT read as NOK, or a follower market's
/// ratio) and their volume scaled to keep its value. At the end of the file it starts over.
/// </summary>
internal sealed class CsvCandleSource(string path, decimal priceFactor, decimal volumeFactor, int priceDecimals) : ICandleSource
{
    private readonly CandleCsvReader _reader = new(path);
    private IEnumerator<Candle>? _candles;

    public Candle Next()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            _candles ??= _reader.Read().GetEnumerator();
            if (_candles.MoveNext()) return Scale(_candles.Current);
            _candles.Dispose();
            _candles = null;
        }

        throw new InvalidOperationException($"The candle file {path} holds no candle.");
    }

    public void Dispose() => _candles?.Dispose();

    private Candle Scale(in Candle c) => CandleScaling.Build(c.OpenTimeMs,
        c.Open * priceFactor, c.High * priceFactor, c.Low * priceFactor, c.Close * priceFactor, c.Volume * volumeFactor, priceDecimals);
}

/// <summary>
/// A seeded random walk of candles: each close is the last one moved by a normal log-return, pulled gently
/// back toward the starting price so the walk stays within a few percent of it. Wicks and volume (about
/// half a million in quote currency per candle) are random too.
/// </summary>
internal sealed class RandomWalkCandleSource(decimal anchor, int priceDecimals, SplitMix64 dice) : ICandleSource
{
    private readonly double _anchor = (double)anchor;
    private const double Volatility = 0.002;
    private const double Reversion = 0.002;
    private const double QuoteVolume = 500_000;

    private SplitMix64 _dice = dice;
    private decimal _last = anchor;

    public Candle Next()
    {
        var open = (double)_last;
        var pull = -Reversion * Math.Log(open / _anchor);
        var close = open * Math.Exp((Volatility * _dice.NextGaussian()) + pull);
        var high = Math.Max(open, close) * (1 + (Math.Abs(_dice.NextGaussian()) * Volatility / 2));
        var low = Math.Min(open, close) * (1 - (Math.Abs(_dice.NextGaussian()) * Volatility / 2));
        var volume = QuoteVolume / open * (0.2 + (1.8 * _dice.NextDouble()));
        var candle = CandleScaling.Build(0, _last, (decimal)high, (decimal)low, (decimal)close, (decimal)volume, priceDecimals);
        _last = candle.Close;
        return candle;
    }

    public void Dispose()
    {
    }
}

internal static class CandleScaling
{
    /// <summary>
    /// A consistent candle from raw values: prices on the tick (wicks outward), high and low bracketing open
    /// and close, a positive low, volume to 8 decimals.
    /// </summary>
    public static Candle Build(long openTimeMs, decimal open, decimal high, decimal low, decimal close, decimal volume, int priceDecimals)
    {
        var tick = Quantizer.Step(priceDecimals);
        var o = Math.Max(decimal.Round(open, priceDecimals), tick);
        var c = Math.Max(decimal.Round(close, priceDecimals), tick);
        var h = Math.Max(Quantizer.Ceiling(high, priceDecimals), Math.Max(o, c));
        var l = Math.Max(Math.Min(Quantizer.Floor(low, priceDecimals), Math.Min(o, c)), tick);
        return new Candle(openTimeMs, o, h, l, c, Math.Max(decimal.Round(volume, 8), 0m));
    }
}
