using GridTrader.Core.MarketData;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.FiriMock.Market;

/// <summary>An endless series of candles for one market; their open times are set by whoever walks them.</summary>
internal interface ICandleSource : IDisposable
{
    /// <summary>The length of one candle when the source knows it (a file's candle interval); null otherwise.</summary>
    TimeSpan? Interval => null;

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
    private long? _firstOpenMs;

    /// <summary>The file's interval, from its first two candles (known once two have been read).</summary>
    public TimeSpan? Interval { get; private set; }

    public Candle Next()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            _candles ??= _reader.Read().GetEnumerator();
            if (_candles.MoveNext())
            {
                var current = _candles.Current;
                if (_firstOpenMs is not { } first) _firstOpenMs = current.OpenTimeMs;
                else if (Interval is null && current.OpenTimeMs > first) Interval = TimeSpan.FromMilliseconds(current.OpenTimeMs - first);
                return Scale(current);
            }

            _candles.Dispose();
            _candles = null;
        }

        throw new InvalidOperationException($"The candle file {path} holds no candle.");
    }

    public void Dispose() => _candles?.Dispose();

    private readonly CandleScale _scale = new(priceFactor, volumeFactor, priceDecimals);

    private Candle Scale(in Candle c) => _scale.Apply(c);
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
        var candle = new CandleScale(1m, 1m, priceDecimals).Apply(new Candle(0, _last, (decimal)high, (decimal)low, (decimal)close, (decimal)volume));
        _last = candle.Close;
        return candle;
    }

    public void Dispose()
    {
    }
}
