using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// A fill priced from the account's trade history must not take an execution that already priced an earlier fill of the
/// same order, also when the process restarted in between (a new <see cref="ExecutionPrices"/> remembers nothing). The
/// subject: a buy of 0.002 BTC limited at 1,010,000 that takes 0.001 from the book at 1,000,000 when it is placed (taker)
/// and rests with the rest, which later fills as maker at its limit.
/// </summary>
public sealed class ExecutionPricesTests
{
    private const string Symbol = "BTCNOK";
    private const long ExchangeId = 5_000_000_001;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly HistoryExchange _exchange;
    private readonly TrackedOrder _order;

    public ExecutionPricesTests()
    {
        _exchange = new HistoryExchange(new SimulatedExchange([MarketInfo.FromSymbol(Symbol)], new Dictionary<string, decimal>(), _time));
        _order = new OrderTracker().CreateIntent(Symbol, Side.Buy, 1_010_000m, 0.002m, 2, 2, 0, Start, null);
        _order.MarkSubmitting(Start);
        _order.MarkAccepted(ExchangeId, Start);
    }

    private ExecutionPrices NewProcess() => new(_exchange, NullEngineObserver.Instance, _time);

    private AccountTrade Trade(string id, decimal price, bool maker, long? orderId) =>
        new(id, Symbol, Side.Buy, price, 0.001m, price * 0.001m, maker, _time.GetUtcNow(), orderId);

    /// <summary>The first 0.001 filled as taker at 1,000,000 and is booked at that price.</summary>
    private async Task FirstFillBookedAsync(long? orderId)
    {
        _exchange.Trades.Add(Trade("t1", 1_000_000m, maker: false, orderId));
        var first = await NewProcess().PriceAsync(_order, 0.001m);
        Assert.Equal(1_000_000m, first);
        _order.ApplySnapshot(0.001m, 0.001m, 0m, _time.GetUtcNow(), first);
        _time.Advance(TimeSpan.FromSeconds(20));
        // The rest fills later, as maker, at the limit.
        _exchange.Trades.Add(Trade("t2", 1_010_000m, maker: true, orderId));
    }

    [Fact]
    public async Task PriceAsync_RestartBetweenTwoFillsOfAnOrderFiriHistory_DoesNotPriceTheMakerFillWithTheTakerExecution()
    {
        await FirstFillBookedAsync(orderId: null);

        // A restart: the executions used before are forgotten.
        var second = await NewProcess().PriceAsync(_order, 0.001m);

        // The maker fill was paid at the limit; booking it at 1,000,000 would invent 10 NOK.
        Assert.True(second is null or 1_010_000m, $"the second fill was priced at {second}");
    }

    [Fact]
    public async Task PriceAsync_RestartBetweenTwoFillsOfAnOrderNamedExecutions_PricesTheSecondFillWithItsOwnExecution()
    {
        await FirstFillBookedAsync(orderId: ExchangeId);

        var second = await NewProcess().PriceAsync(_order, 0.001m);

        Assert.Equal(1_010_000m, second);
    }

    [Fact]
    public async Task PriceAsync_SameProcessNamedExecutions_PricesEachFillWithItsOwnExecution()
    {
        var prices = NewProcess();
        _exchange.Trades.Add(Trade("t1", 1_000_000m, maker: false, ExchangeId));
        Assert.Equal(1_000_000m, await prices.PriceAsync(_order, 0.001m));
        _order.ApplySnapshot(0.001m, 0.001m, 0m, _time.GetUtcNow(), 1_000_000m);
        _time.Advance(TimeSpan.FromSeconds(20));
        _exchange.Trades.Add(Trade("t2", 1_010_000m, maker: true, ExchangeId));

        Assert.Equal(1_010_000m, await prices.PriceAsync(_order, 0.001m));
    }

    /// <summary>An account whose trade history a test writes (newest last, as the exchange's answer is read).</summary>
    private sealed class HistoryExchange(IExchange inner) : DelegatingExchange(inner)
    {
        public List<AccountTrade> Trades { get; } = [];

        public override ValueTask<ExchangeResult<IReadOnlyList<AccountTrade>>> GetTradeHistoryAsync(string? market, int count,
            CancellationToken ct = default) =>
            ValueTask.FromResult(ExchangeResult<IReadOnlyList<AccountTrade>>.Success([.. Trades]));
    }
}
