using GridTrader.Core.MarketData;

namespace GridTrader.Engine.Live;

/// <summary>Closed candles of the markets the engine trades.</summary>
public interface ICandleFeed
{
    /// <summary>Candles of <paramref name="market"/> that closed since the last call, oldest first.</summary>
    ValueTask<IReadOnlyList<Candle>> PollAsync(string market, TimeSpan interval, CancellationToken ct = default);

    /// <summary>True when the feed will produce nothing more (a finished replay).</summary>
    bool Completed { get; }

    /// <summary>Where its candles come from, as the store records it (<see cref="CandleSources"/>).</summary>
    string Source => CandleSources.Firi;
}
