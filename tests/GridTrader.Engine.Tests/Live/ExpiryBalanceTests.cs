using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Engine.Trading;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// An order that expires frees the funds it held; the balances the bot polled before do not know that, so the grid's
/// replacement order is checked against fresh balances instead of being refused (the demo used to print such a refusal
/// for every expired sell).
/// </summary>
public sealed class ExpiryBalanceTests
{
    [Fact]
    public async Task Expiry_CounterSellPastItsTimeToLive_IsPlacedAgainWithoutAnInsufficientBalanceRefusal()
    {
        await using var h = new LiveHarness(settings: new EngineSettings
        {
            OrderTimeToLive = TimeSpan.FromMinutes(10),
            RejectCooldown = TimeSpan.FromSeconds(10),
            UnknownGracePeriod = TimeSpan.FromSeconds(30),
        });
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the starting buys rest");
        h.MoveTo(984_000m); // fills the buy at 985,000
        await h.StepUntilAsync(() => h.OpenOnExchange().Any(o => o.Side == Side.Sell), "the counter-sell rests");
        var first = h.OpenOnExchange().Single(o => o.Side == Side.Sell).Id;

        // Past the time-to-live: the sell expires and the grid offers its coins again.
        await h.StepUntilAsync(() => h.OpenOnExchange().Any(o => o.Side == Side.Sell && o.Id != first), "the sell is placed again", maxSteps: 400);

        Assert.DoesNotContain(h.Observer.Rejections, r => r.Decision.Reason == RiskReason.InsufficientBalance);
    }
}
