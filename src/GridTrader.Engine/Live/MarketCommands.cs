using System.Globalization;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Live;

/// <summary>What the loop around the trading core must learn when a market starts or stops being traded.</summary>
/// <param name="Prepare">Readies the exchange for a market (the paper account, precision); returns why it cannot, or null.</param>
/// <param name="Added">The market is traded from now on: poll it, feed its candles, reserve its balances.</param>
/// <param name="Removed">The market is no longer traded.</param>
internal sealed record MarketHooks(Func<Core.Markets.MarketInfo, string?> Prepare, Action<MarketSetup, long?, CandleHistoryReport> Added, Action<string> Removed);

/// <summary>The answer to a market command: what happened, or why nothing did.</summary>
public sealed record MarketChangeResult(bool Done, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// Adds, enables, disables and removes markets while the bot runs, on its loop. A market that starts is built as a
/// restart would build it (capital on the equity with it, stored grid state, candles); one that stops first settles
/// its resting orders: cancelled on the exchange, or left there and released (no longer the bot's: foreign, reported,
/// untouched). With live orders and no choice made, nothing changes.
/// </summary>
/// <remarks>
/// A stopped market's grid is put away as a fresh one of the next generation: coming back (enabled or added again)
/// it plans a new grid at the price of that day, and its grid pairs never pair with the old grid's buys. The coins it
/// held stay in the account (offered again only with <c>UseExistingBase</c>); they leave equity with the market, and
/// the drawdown peak loses the same value, so stopping a market is not mistaken for a loss.
/// </remarks>
internal sealed class MarketCommands(TradingCore core, IEngineStore store, EngineRestorer restorer, IExchange exchange, IEngineObserver observer,
    TimeProvider time, MarketHooks hooks)
{
    public async Task<MarketChangeResult> StartAsync(MarketSetup setup, string change, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var symbol = setup.Info.Symbol;
        if (core.Market(symbol) is not null) return new(false, $"{symbol} is already traded.");
        if (hooks.Prepare(setup.Info) is { } refusal) return new(false, $"{symbol} cannot be traded here: {refusal}");
        var ticker = await exchange.GetTickerAsync(symbol, ct);
        if (!ticker.IsSuccess) return new(false, $"{symbol}: the exchange gave no price ({ticker.Error}); nothing changed.");
        if (!(ticker.Value.Reference > 0)) return new(false, $"{symbol} has no price yet (empty book); nothing changed.");

        var (slot, lastCandle, history, orphans) = await restorer.AddMarketAsync(core, setup, ticker.Value.Reference, ct);
        hooks.Added(setup, lastCandle, history);
        await core.OnTickerAsync(slot, ticker.Value, ct);
        foreach (var orphan in orphans)
        {
            observer.OnReconciliation(symbol, "orphan", $"Order #{orphan.Id} (level {orphan.Level}) does not fit the market's grid; cancelling it.");
            await core.Orders.CancelAsync(orphan, "orphan on enabling the market", ct);
        }

        await core.Reconciler.SyncOrdersAsync(slot, ct);
        await core.EvaluateAsync(slot, ct);
        var s = slot.Strategy;
        var state = s.Phase == GridPhase.WarmingUp ? $"warming up ({s.WarmupRemaining} candles to go)" : $"grid {s.Phase}";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{symbol} {change} ({reason}): capital {s.CapitalQuote:0.##} {setup.Info.QuoteCurrency}, {setup.Grid.Levels} levels, {CandleText(setup)} candles, {state}.");
        await RecordAsync(symbol, change, message, ct);
        return new(true, message);
    }

    public async Task<MarketChangeResult> StopAsync(string symbol, RestingOrders choice, string change, string reason, CancellationToken ct)
    {
        if (core.Market(symbol) is not { } slot) return new(false, $"{symbol} is not traded.");
        symbol = slot.Symbol;
        var live = core.Tracker.LiveIn(symbol).ToList();
        if (live.Count > 0 && choice == RestingOrders.Leave)
        {
            // A fill made since the last poll was the bot's: book it before the order is let go (a released order is never read again).
            await core.Reconciler.SyncOrdersAsync(slot, ct);
            live = core.Tracker.LiveIn(symbol).ToList();
        }

        var settled = "";
        if (live.Count > 0)
        {
            switch (choice)
            {
                case RestingOrders.Ask:
                    return new(false, $"{symbol} has {live.Count} resting order(s): choose to cancel them or to leave them on the exchange " +
                                      "(left orders are no longer the bot's); nothing changed.");
                case RestingOrders.Leave:
                    if (live.Count(o => o.ExchangeId is null || o.State is not (OrderState.Open or OrderState.PartiallyFilled)) is var busy and > 0)
                        return new(false, $"{busy} order(s) of {symbol} are still being placed; try again in a few seconds. Nothing changed.");
                    foreach (var order in live) await ReleaseAsync(order, $"left on the exchange: market {change}", ct);
                    settled = $"; {live.Count} order(s) left on the exchange, now foreign and untouched";
                    break;
                case RestingOrders.Cancel:
                    var cancelReason = change == "removed" ? CancelReasons.MarketRemoved : CancelReasons.MarketDisabled;
                    foreach (var order in live) await core.Orders.CancelAsync(order, cancelReason, ct);
                    var left = core.Tracker.LiveIn(symbol).Count();
                    if (left > 0)
                    {
                        await core.Control.PauseAsync(symbol, $"stopping the market: {left} order(s) not cancelled yet", ct);
                        return new(false, $"{left} of {live.Count} order(s) of {symbol} could not be cancelled yet (the exchange did not confirm); " +
                                          $"{symbol} is paused and still traded. Try again.");
                    }

                    settled = $"; {live.Count} order(s) cancelled";
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(choice), choice, null);
            }
        }

        var before = core.Portfolio.Equity();
        var strategy = slot.Strategy;
        // Put away as a fresh grid of the next generation (see the remarks). Its loss limit counts from now, as after a
        // resume: the loss that may have stopped the old grid does not stop the new one at its first price.
        await store.SaveStrategyStateAsync(new GridStrategyState(symbol, GridPhase.WarmingUp, strategy.Epoch + 1, null, [], strategy.Trend, false, false,
            LossBaseline: core.PnlOf(slot)), ct);
        core.RemoveMarket(symbol);
        hooks.Removed(symbol);
        var leaving = Math.Max(0m, before - core.Portfolio.Equity());
        await core.Control.States.ChangeAsync((risk, now) => risk.ForgetMarket(symbol, leaving, now), ct);
        var message = $"{symbol} {change} ({reason}){settled}.";
        await RecordAsync(symbol, change, message, ct);
        return new(true, message);
    }

    private async Task ReleaseAsync(TrackedOrder order, string reason, CancellationToken ct)
    {
        var released = order.MarkReleased(reason, time.GetUtcNow());
        await core.Fills.ApplyEventsAsync(order, [released], null, ct);
        core.Tracker.Forget(order);
        observer.OnReconciliation(order.Market, "released",
            $"Order #{order.Id} ({order.Side} {order.Amount - order.Filled} unfilled of {order.Amount} @ {order.Price}, exchange id {order.ExchangeId}) " +
            "left on the exchange: it is no longer the bot's and will not be touched.");
    }

    private async Task RecordAsync(string symbol, string change, string message, CancellationToken ct)
    {
        observer.OnMarketChanged(symbol, change, message);
        await store.AppendJournalAsync("market." + change, symbol, message, time.GetUtcNow(), ct);
    }

    private static string CandleText(MarketSetup setup) => Core.MarketData.CandleInterval.Format(setup.CandleInterval);
}
