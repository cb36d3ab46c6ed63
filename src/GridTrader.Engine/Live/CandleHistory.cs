using System.Globalization;
using GridTrader.Core.MarketData;
using GridTrader.Core.Persistence;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Reference;

namespace GridTrader.Engine.Live;

/// <summary>
/// The warm start: fills a market's candle history before its grid plans, so a fresh start trades within a minute
/// instead of waiting days for candles built from live trades. Sources, in order, each only for the candles still
/// missing from the window the strategy needs (the latest closed candles up to now):
/// <list type="number">
/// <item>candles already stored (from earlier runs, imports or earlier warm starts) are reused;</item>
/// <item>Firi's public trade history, as far back as it answers, aggregated into candles (the oldest bucket is
/// left out: its trades are cut off by the answer's length);</item>
/// <item>the reference klines (<see cref="IReferenceCandleSource"/>), scaled to the market by the current Firi price
/// through <see cref="CandleScale.Between"/>.</item>
/// </list>
/// New candles are stored with their source. A source that fails is reported once and the next is tried; when no source
/// fills the window the market keeps warming up on live candles, and the report says why.
/// </summary>
internal sealed class CandleHistory(IExchange exchange, ICandleStore store, IReferenceCandleSource? reference, IEngineObserver observer,
    TimeProvider time)
{
    /// <summary>Public trades asked for: Firi answers as many as it keeps.</summary>
    public const int FiriTrades = WarmStart.FiriTrades;

    public const string LoadedNotice = "history.loaded";
    public const string ShortNotice = "history.short";
    public const string SourceFailedNotice = "history.source_failed";

    /// <summary>
    /// Completes the latest <paramref name="needed"/> candles of <paramref name="setup"/>'s interval in the store and returns
    /// the stored history the strategy should be fed (oldest first), with the report.
    /// </summary>
    public async Task<(IReadOnlyList<Candle> Candles, CandleHistoryReport Report)> FillAsync(MarketSetup setup, decimal marketPrice, int needed,
        bool fetch, CancellationToken ct)
    {
        var market = setup.Info.Symbol;
        var interval = setup.CandleInterval;
        var intervalMs = (long)interval.TotalMilliseconds;
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var lastClosed = nowMs - Mod(nowMs, intervalMs) - intervalMs;
        var windowStart = lastClosed - ((needed - 1) * intervalMs);
        var failures = new List<string>();
        var notes = new List<string>();

        if (fetch)
        {
            var have = new HashSet<long>();
            foreach (var c in await store.LoadCandlesAsync(market, interval, DateTimeOffset.FromUnixTimeMilliseconds(windowStart), needed, ct))
                have.Add(c.OpenTimeMs);

            if (have.Count < needed)
            {
                var fromFiri = await FromFiriAsync(market, interval, windowStart, lastClosed, have, failures, ct);
                await SaveAsync(market, interval, fromFiri, CandleSources.Firi, have, ct);
            }

            if (have.Count < needed)
            {
                if (reference is null)
                {
                    notes.Add("the reference source is off (Reference:Url is empty)");
                }
                else
                {
                    var fromReference = await FromReferenceAsync(setup, marketPrice, windowStart, lastClosed, needed, have, failures, ct);
                    await SaveAsync(market, interval, fromReference, CandleSources.Reference, have, ct);
                }
            }
        }

        // A warm start feeds only its window: candles stored by a run that stopped long ago would warm the indicators
        // across the gap the sources could not fill, and counting them would report a whole history that is not there.
        // Without a warm start the stored candles are all there is, and the latest are used as they are.
        var candles = await store.LoadCandlesAsync(market, interval, fetch ? DateTimeOffset.FromUnixTimeMilliseconds(windowStart) : null, needed, ct);
        var bySource = candles.Count == 0
            ? new Dictionary<string, long>()
            : await store.CountCandlesBySourceAsync(market, interval, candles[0].OpenTime, ct);
        string? shortfall = null;
        if (candles.Count < needed)
        {
            var why = string.Join("; ", failures.Concat(notes).DefaultIfEmpty("no source had more"));
            shortfall = string.Create(CultureInfo.InvariantCulture,
                $"{candles.Count} of {needed} {CandleInterval.Format(interval)} candles of history ({Describe(bySource)}); {why}. The grid waits for live candles (up to {needed - candles.Count} more).");
            Notice(market, ShortNotice, shortfall);
        }
        else
        {
            Notice(market, LoadedNotice, string.Create(CultureInfo.InvariantCulture,
                $"{candles.Count} {CandleInterval.Format(interval)} candles of history ({Describe(bySource)})."));
        }

        return (candles, new CandleHistoryReport(market, interval, candles.Count, needed, bySource, failures, shortfall));
    }

    public static string Describe(IReadOnlyDictionary<string, long> bySource) =>
        bySource.Count == 0 ? "none" : string.Join(", ", bySource.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));

    /// <summary>Candles of the window built from Firi's public trade history, for buckets not stored yet.</summary>
    private async Task<List<Candle>> FromFiriAsync(string market, TimeSpan interval, long windowStart, long lastClosed, HashSet<long> have,
        List<string> failures, CancellationToken ct)
    {
        var trades = await exchange.GetRecentTradesAsync(market, FiriTrades, ct);
        if (!trades.IsSuccess)
        {
            Failed(market, "Firi trade history", trades.Error, failures);
            return [];
        }

        return [.. TradeCandles.Build(trades.Value, interval, lastClosed).Where(c => c.OpenTimeMs >= windowStart && !have.Contains(c.OpenTimeMs))];
    }

    /// <summary>Reference candles of the window, scaled to the market, for buckets neither stored nor built from Firi.</summary>
    private async Task<List<Candle>> FromReferenceAsync(MarketSetup setup, decimal marketPrice, long windowStart, long lastClosed, int needed,
        HashSet<long> have, List<string> failures, CancellationToken ct)
    {
        var market = setup.Info.Symbol;
        var symbol = setup.ReferenceSymbol ?? setup.Info.BaseCurrency + "USDT";
        // Up to now, so the newest (still open) kline gives the reference's current price for the scale.
        var klines = await reference!.GetCandlesAsync(symbol, setup.CandleInterval, DateTimeOffset.FromUnixTimeMilliseconds(windowStart),
            time.GetUtcNow(), needed + 2, ct);
        if (!klines.IsSuccess)
        {
            Failed(market, $"reference {symbol} at {reference.Name}", klines.Error, failures);
            return [];
        }

        if (klines.Value.Count == 0 || !(marketPrice > 0))
        {
            failures.Add($"reference {symbol} at {reference.Name} had no candles");
            return [];
        }

        var scale = CandleScale.Between(klines.Value[^1].Close, marketPrice, setup.Info.PriceDecimals);
        return [.. klines.Value
            .Where(c => c.OpenTimeMs >= windowStart && c.OpenTimeMs <= lastClosed && !have.Contains(c.OpenTimeMs) && c.IsValid)
            .Select(c => scale.Apply(c))];
    }

    private async Task SaveAsync(string market, TimeSpan interval, List<Candle> candles, string source, HashSet<long> have, CancellationToken ct)
    {
        if (candles.Count == 0) return;
        await store.SaveCandlesAsync(market, interval, candles, source, ct);
        foreach (var c in candles) have.Add(c.OpenTimeMs);
    }

    private void Failed(string market, string source, ExchangeError error, List<string> failures)
    {
        var text = $"{source} failed: {error}";
        failures.Add(text);
        observer.OnExchangeError("history", market, error);
        Notice(market, SourceFailedNotice, text + "; trying the next source.");
    }

    private void Notice(string market, string name, string message) => observer.OnNotice(new StrategyNotice(market, name, message));

    private static long Mod(long a, long m) => ((a % m) + m) % m;
}
