using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Paper;
using GridTrader.Exchanges.Simulation;
using Microsoft.Extensions.Time.Testing;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Paper;

/// <summary>
/// Paper orders against a market whose trades are printed by a second matching engine (the "real" market, read
/// through <see cref="SimulatedExchange"/> exactly as paper trading reads Firi's public endpoints).
/// </summary>
public sealed class PaperExchangeFillModelTests
{
    private readonly FakeTimeProvider _time = new(T0);
    private readonly MatchingEngine _market = Engine(nok: 0m, btc: 0m);

    private PaperExchange Paper(MatchingEngineOptions options)
    {
        var account = new SimulatedExchange([BtcNok], new Dictionary<string, decimal> { ["NOK"] = 100_000m }, _time, options with { CollectFills = false });
        return new PaperExchange(new SimulatedExchange(_market, _time), account, _time);
    }

    /// <summary>A public trade on the real market, a second after the previous one.</summary>
    private void Print(decimal price, decimal amount)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        _market.MoveTo(Market, price, _time.GetUtcNow(), amount);
    }

    private static async Task<long> StartAndBuyAsync(PaperExchange paper, decimal price, decimal amount)
    {
        // The first trades read only sets the starting point; the ticker gives the paper account its price.
        Assert.True((await paper.GetRecentTradesAsync(Market, 100)).IsSuccess);
        Assert.True((await paper.GetTickerAsync(Market)).IsSuccess);
        return (await paper.PlaceOrderAsync(new OrderRequest(Market, Side.Buy, price, amount))).Value;
    }

    private static async Task<ExchangeOrder> OrderAsync(PaperExchange paper, long id) => (await paper.GetOrderAsync(id)).Value;

    [Fact]
    public async Task GetRecentTradesAsync_TradeThroughAndPrintsAtThePrice_FillOnlyOnceAPrintIsATickThrough()
    {
        var paper = Paper(new MatchingEngineOptions { FillModel = FillModel.TradeThrough });
        Print(100_000m, 0.5m);
        var bid = await StartAndBuyAsync(paper, 99_000m, 0.01m);

        Print(99_000m, 2m);
        await paper.GetRecentTradesAsync(Market, 100);
        Assert.Equal(0m, (await OrderAsync(paper, bid)).Matched);

        Print(98_999.99m, 0.001m);
        await paper.GetRecentTradesAsync(Market, 100);
        var order = await OrderAsync(paper, bid);
        Assert.Equal((0.01m, 0m), (order.Matched, order.Remaining));
    }

    [Fact]
    public async Task GetRecentTradesAsync_TouchAndAPrintAtThePrice_Fills()
    {
        var paper = Paper(new MatchingEngineOptions { FillModel = FillModel.Touch });
        Print(100_000m, 0.5m);
        var bid = await StartAndBuyAsync(paper, 99_000m, 0.01m);

        Print(99_000m, 2m);
        await paper.GetRecentTradesAsync(Market, 100);

        Assert.Equal(0.01m, (await OrderAsync(paper, bid)).Matched);
    }

    [Fact]
    public async Task PaperExchange_VolumeShare_FillsAShareOfEachPrintAndNothingOnATicker()
    {
        var paper = Paper(new MatchingEngineOptions { FillModel = FillModel.VolumeShare, VolumeParticipation = 0.1m });
        Print(100_000m, 0.5m);
        var bid = await StartAndBuyAsync(paper, 99_000m, 0.05m);

        // The real market's last trade moves far below the bid without a print read: the ticker alone fills nothing.
        _time.Advance(TimeSpan.FromSeconds(1));
        _market.MoveTo(Market, 98_000m, _time.GetUtcNow());
        await paper.GetTickerAsync(Market);
        Assert.Equal(0m, (await OrderAsync(paper, bid)).Matched);

        Print(98_990m, 0.2m);
        await paper.GetRecentTradesAsync(Market, 100);
        var partial = await OrderAsync(paper, bid);
        Assert.Equal((0.02m, 0.03m), (partial.Matched, partial.Remaining));
        Assert.Equal(bid, Assert.Single((await paper.GetOpenOrdersAsync(Market)).Value).Id);

        Print(98_980m, 0.4m);
        await paper.GetRecentTradesAsync(Market, 100);
        Assert.Equal((0.05m, 0m), ((await OrderAsync(paper, bid)).Matched, (await OrderAsync(paper, bid)).Remaining));
    }
}
