using System.Globalization;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Core.MarketData;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Reference;
using GridTrader.Hosting;
using GridTrader.Storage;

namespace GridTrader.Doctor;

/// <summary>
/// <c>doctor</c>'s check of the warm start, one line per market: how many candles of the window the strategy needs each
/// source can give (stored, Firi's public trades, the reference klines). A configured source that fails fails the check;
/// a history still short after every source only warns (the grid then waits for live candles).
/// </summary>
internal sealed class HistoryChecks(GridTraderOptions options, IExchange firi, IReferenceCandleSource? reference, ModePaths paths,
    TimeProvider time)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(IReadOnlyDictionary<string, decimal> prices, CancellationToken ct)
    {
        var checks = new List<DoctorCheck>();
        foreach (var m in options.Markets.Where(m => m.Enabled))
            checks.Add(await MarketAsync(m, prices.GetValueOrDefault(m.Symbol), ct));
        return checks;
    }

    private async Task<DoctorCheck> MarketAsync(MarketOptions m, decimal price, CancellationToken ct)
    {
        var name = $"history {m.Symbol}";
        if (!CandleInterval.TryParse(m.CandleInterval, out var interval)) return DoctorCheck.Fail(name, $"CandleInterval '{m.CandleInterval}' is not an interval.");
        var info = m.ToMarketInfo(options);
        var needed = Math.Max(new LiveEngineOptions().WarmupCandles,
            new GridStrategy(info, m.GridFor(options), 1m, options.Fees(), time, 0m, new TrendTimeframe(interval, m.TrendIntervalOf())).HistoryNeeded);
        var intervalMs = (long)interval.TotalMilliseconds;
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var lastClosed = nowMs - (nowMs % intervalMs) - intervalMs;
        var windowStart = lastClosed - ((needed - 1) * intervalMs);
        var have = new HashSet<long>();
        var parts = new List<string>();
        var failures = new List<string>();

        var stored = 0;
        if (File.Exists(paths.Database))
        {
            try
            {
                await using var store = SqliteStore.OpenReadOnly(paths.Root);
                foreach (var c in await store.LoadCandlesAsync(m.Symbol, interval, DateTimeOffset.FromUnixTimeMilliseconds(windowStart), needed, ct))
                    have.Add(c.OpenTimeMs);
                stored = have.Count;
            }
            catch (StoreException ex)
            {
                failures.Add($"the store cannot be read ({ex.Message})");
            }
        }

        parts.Add(string.Create(C, $"stored {stored}"));
        var trades = await firi.GetRecentTradesAsync(m.Symbol, WarmStart.FiriTrades, ct);
        if (trades.IsSuccess)
        {
            var fromFiri = TradeCandles.Build(trades.Value, interval, lastClosed).Count(c => c.OpenTimeMs >= windowStart && have.Add(c.OpenTimeMs));
            parts.Add(string.Create(C, $"Firi trades {trades.Value.Count} → {fromFiri} candles"));
        }
        else
        {
            failures.Add($"Firi's trade history failed ({trades.Error})");
        }

        string? warning = null;
        var symbol = m.ReferenceSymbolOf(options);
        if (reference is null)
        {
            parts.Add("reference off");
        }
        else
        {
            var klines = await reference.GetCandlesAsync(symbol, interval, DateTimeOffset.FromUnixTimeMilliseconds(windowStart), time.GetUtcNow(), needed + 2, ct);
            if (klines.IsSuccess)
            {
                var fromReference = klines.Value.Count(c => c.OpenTimeMs >= windowStart && c.OpenTimeMs <= lastClosed && have.Add(c.OpenTimeMs));
                parts.Add(string.Create(C, $"reference {symbol} at {reference.Name} {klines.Value.Count} → {fromReference} candles"));
                if (klines.Value.Count > 0 && price > 0)
                    parts.Add(string.Create(C, $"scale {price / klines.Value[^1].Close:0.####} (Firi {price} / reference {klines.Value[^1].Close})"));
            }
            else
            {
                failures.Add($"reference {symbol} at {reference.Name} failed ({klines.Error}): check Reference:Url, --reference-url or Markets:{m.Symbol}:ReferenceSymbol, or turn it off with --reference-url off");
            }
        }

        var detail = string.Create(C, $"{have.Count} of {needed} {CandleInterval.Format(interval)} candles available ({string.Join(", ", parts)})");
        if (failures.Count > 0) return DoctorCheck.Fail(name, detail + "; " + string.Join("; ", failures) + ".");
        if (have.Count < needed)
        {
            warning = string.Create(C,
                $"the grid waits for up to {needed - have.Count} live {CandleInterval.Format(interval)} candles: set Reference:Url, or import history with 'gridtrader candles import FILE --market {m.Symbol}'.");
        }

        return DoctorCheck.Pass(name, detail + ".", warning);
    }
}
