using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Storage;

namespace GridTrader.Soak;

/// <summary>
/// Compares the bot's books (its SQLite database, read alongside the running bot) with the exchange's (the mock's admin
/// ledger). The books agree when: no order is still in doubt; the bot and the exchange know the same open orders; no
/// level carries two live orders and no price two open orders; every exchange order is the bot's and its matched
/// amount was applied exactly once; the bot's balances equal the exchange's (a taker fill the bot could not price from
/// the trade history is booked at its limit: that difference accounted for); every market's grid is Active and the bot
/// Running.
/// </summary>
internal static class BookCheck
{
    private const decimal Nanokrone = 0.000000001m;

    /// <summary>Null when every invariant holds, else the first one that does not.</summary>
    public static async Task<string?> FindProblemAsync(string databaseDirectory, MockAdmin admin, string market, SoakFigures figures)
    {
        IReadOnlyList<TrackedOrder> orders;
        IReadOnlyList<Fill> fills;
        string? initial;
        StoredBotState bot;
        GridStrategyState? grid;
        await using (var store = SqliteStore.OpenReadOnly(databaseDirectory))
        {
            orders = await store.LoadOrdersAsync(nonFinalOnly: false);
            fills = await store.LoadFillsAsync();
            initial = await store.GetMetaAsync(MetaKeys.InitialBalances);
            bot = await store.LoadBotStateAsync(historyLimit: 1);
            grid = await store.LoadStrategyStateAsync(market);
        }

        var exchange = await admin.LedgerAsync();

        var doubtful = orders.Where(o => o.State is OrderState.Intent or OrderState.Submitting or OrderState.Unknown).ToList();
        if (doubtful.Count > 0) return $"{doubtful.Count} order(s) still in doubt: {string.Join(", ", doubtful)}";

        var botOpen = orders.Where(o => !o.IsFinal).Select(o => o.ExchangeId!.Value).ToHashSet();
        var exchangeOpen = exchange.Open.Select(o => o.Id).ToHashSet();
        if (!botOpen.SetEquals(exchangeOpen))
            return $"open orders differ: bot-only [{string.Join(",", botOpen.Except(exchangeOpen))}], exchange-only [{string.Join(",", exchangeOpen.Except(botOpen))}]";

        var crowded = orders.Where(o => !o.IsFinal).GroupBy(o => (o.Market, o.Level)).FirstOrDefault(g => g.Count() > 1);
        if (crowded is not null) return $"level {crowded.Key.Level} carries {crowded.Count()} live orders";
        var samePrice = exchange.Open.GroupBy(o => (o.Side, o.Price)).FirstOrDefault(g => g.Count() > 1);
        if (samePrice is not null) return $"{samePrice.Count()} open orders at {samePrice.Key.Side} {samePrice.Key.Price}";

        var byExchangeId = orders.Where(o => o.ExchangeId is not null).ToDictionary(o => o.ExchangeId!.Value);
        foreach (var o in exchange.Orders)
        {
            if (!byExchangeId.TryGetValue(o.Id, out var mine)) return $"exchange order {o.Id} is unknown to the bot";
            if (mine.Filled != o.Matched) return $"order {o.Id}: bot applied {mine.Filled}, exchange matched {o.Matched}";
            var applied = fills.Where(f => f.OrderId == mine.Id).Sum(f => f.Amount);
            if (applied != o.Matched) return $"order {o.Id}: fills stored {applied}, exchange matched {o.Matched}";
        }

        var ledger = new Ledger(BalanceText.Parse(initial ?? ""));
        ledger.RegisterMarket(market, "BTC", "NOK", 0m);
        foreach (var f in fills) ledger.Apply(f);
        // Each order's value as the bot booked it (its fills' prices: the execution price from the trade history, or the
        // limit when the history did not show it) against what the exchange executed.
        var bookedById = orders.Where(o => o.ExchangeId is not null)
            .ToDictionary(o => o.ExchangeId!.Value, o => fills.Where(f => f.OrderId == o.Id).Sum(f => f.Price * f.Amount));
        var improvement = 0m;
        foreach (var group in exchange.Trades.GroupBy(t => (t.OrderId, t.Side)))
        {
            var difference = bookedById[group.Key.OrderId] - group.Sum(t => t.Price * t.Amount);
            improvement += group.Key.Side == "bid" ? -difference * 1.005m : difference * 0.995m;
        }

        var btc = exchange.Balances.GetValueOrDefault("BTC");
        var nok = exchange.Balances.GetValueOrDefault("NOK");
        if (ledger.Balance("BTC") != btc) return $"BTC: bot {ledger.Balance("BTC")}, exchange {btc}";
        // The improvement is worked out from prices × amounts × fee factors, whose 28-digit products round differently
        // from the ledger's own sums in the last digits (~1e-14 NOK): a nano-krone is far below anything an account shows.
        if (Math.Abs(ledger.Balance("NOK") - nok - improvement) > Nanokrone) return $"NOK: bot {ledger.Balance("NOK")}, exchange {nok}, taker improvement {improvement}";

        // Not stuck: a grid mid-rebuild, waiting or warming up settles within the check's patience, or it is stuck.
        if (bot.Current != BotState.Running) return $"the bot is {bot.Current}, not Running";
        if (grid?.Phase != GridPhase.Active) return $"{market}'s grid is {grid?.Phase.ToString() ?? "missing"}, not Active";

        figures.Orders = orders.Count;
        figures.Fills = fills.Count;
        figures.TakerTrades = exchange.Trades.Count(t => !t.IsMaker);
        return null;
    }
}
