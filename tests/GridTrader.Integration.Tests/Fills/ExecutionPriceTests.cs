using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Firi;
using GridTrader.FiriMock;
using GridTrader.FiriMock.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Integration.Tests.Fills;

/// <summary>
/// Fills at the price paid, over Firi's API as the mock serves it: an order shows only its limit and <c>matched</c>; the
/// trade history shows the execution's price and maker flag but no order id. A marketable buy takes the book at a
/// better price than its limit, and the bot books that price.
/// </summary>
public sealed class ExecutionPriceTests
{
    private const string Symbol = "BTCNOK";

    [Theory]
    [InlineData(true, 1_000_000)]
    [InlineData(false, 1_010_000)]
    public async Task Reconcile_MarketableBuyFilledBelowItsLimit_BooksTheExecutionPriceFromTheTradeHistory(bool fromHistory, decimal booked)
    {
        await using var mock = new FiriMockServer();
        var options = new FiriMockOptions { Port = 0, PriceSource = MockPriceSource.Scripted };
        options.Keys.Add(new MockApiKey("ak", "cid", "secret"));
        var url = await mock.StartAsync(options);
        using var http = new HttpClient { BaseAddress = url };
        var firi = new FiriClient(http, TimeProvider.System, NullLogger<FiriClient>.Instance, new FiriClientOptions { RequestsPerSecond = 0 },
            new FiriCredentials("ak", "cid", "secret"));
        var time = TimeProvider.System;
        var info = new MarketInfo(Symbol, "BTC", "NOK", 2, 8, 0.0001m, 100m);

        var balances = new BalanceBook();
        balances.Update((await firi.GetBalancesAsync()).Value, time.GetUtcNow());
        var tracker = new OrderTracker();
        var ledger = new Ledger(new Dictionary<string, decimal> { ["NOK"] = 100_000m });
        ledger.RegisterMarket(Symbol, "BTC", "NOK", 0m);
        var core = new TradingCore(firi, balances, new RiskManager(new RiskSettings()), tracker, ledger, NullEngineStore.Instance,
            NullEngineObserver.Instance, new EngineSettings(), time);
        var market = core.AddMarket(info, new GridStrategy(info, new GridSettings(), 10_000m, FeeModel.Firi, time));
        if (fromHistory) core.Fills.ExecutionPrices = new ExecutionPrices(firi, NullEngineObserver.Instance, time);

        // The mock stands at 1,000,000: a buy limited at 1,010,000 takes the book at once, as taker, at 1,000,000.
        var order = tracker.CreateIntent(Symbol, Side.Buy, 1_010_000m, 0.001m, 0, 0, 0, time.GetUtcNow(), null);
        order.MarkSubmitting(time.GetUtcNow());
        var id = await firi.PlaceOrderAsync(new OrderRequest(Symbol, Side.Buy, 1_010_000m, 0.001m));
        order.MarkAccepted(id.Value, time.GetUtcNow());
        tracker.Updated(order);

        await core.Reconciler.SyncOrdersAsync(market);

        Assert.Equal(OrderState.Filled, order.State);
        var trade = Assert.Single((await firi.GetTradeHistoryAsync(Symbol, 10)).Value);
        Assert.Equal((1_000_000m, false), (trade.Price, trade.IsMaker));
        Assert.Equal(booked, order.FilledValue / order.Filled);
        // The ledger holds the coins at what they cost: 0.001 × price (+ the fee, in NOK).
        Assert.Equal(-(0.001m * booked) - FeeModel.Firi.FeeFor(info, Side.Buy, booked, 0.001m).Fee,
            ledger.Balances.GetValueOrDefault("NOK") - 100_000m);
    }
}
