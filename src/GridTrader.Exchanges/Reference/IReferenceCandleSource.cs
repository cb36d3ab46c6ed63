using GridTrader.Core.MarketData;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Reference;

/// <summary>
/// Candle history from another exchange, for the periods Firi (which has no candle endpoint) cannot supply. Prices are
/// in the reference market's own currency; the caller scales them (<see cref="CandleScale.Between"/>).
/// </summary>
public interface IReferenceCandleSource
{
    /// <summary>Where the candles come from, for logs and <c>doctor</c> (the base URL).</summary>
    string Name { get; }

    /// <summary>
    /// Candles of <paramref name="symbol"/> whose open time lies in [<paramref name="first"/>, <paramref name="last"/>], oldest
    /// first, at most <paramref name="maxCandles"/> (the newest ones when there are more). The last may still be open.
    /// </summary>
    ValueTask<ExchangeResult<IReadOnlyList<Candle>>> GetCandlesAsync(string symbol, TimeSpan interval, DateTimeOffset first, DateTimeOffset last,
        int maxCandles, CancellationToken ct = default);
}
