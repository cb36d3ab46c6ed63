using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// A simulated exchange whose public trade history is written by the test, newest first as Firi answers, and whose
/// next trade reads can be made to fail the way a network does.
/// </summary>
internal sealed class TradeTapeExchange(TimeProvider time) : DelegatingExchange(
    new SimulatedExchange([MarketInfo.FromSymbol("BTCNOK"), MarketInfo.FromSymbol("ETHNOK")], new Dictionary<string, decimal> { ["NOK"] = 1000m }, time))
{
    private readonly Dictionary<string, List<PublicTrade>> _tapes = new(StringComparer.OrdinalIgnoreCase);
    private int _failures;

    public int Reads { get; private set; }

    /// <summary>Trades printed on <paramref name="market"/> at the given times (any order).</summary>
    public void Print(string market, params (DateTimeOffset Time, decimal Price, decimal Amount)[] trades)
    {
        if (!_tapes.TryGetValue(market, out var tape)) _tapes[market] = tape = [];
        tape.AddRange(trades.Select(t => new PublicTrade(market, Side.Buy, t.Price, t.Amount, t.Time)));
    }

    /// <summary>The next <paramref name="n"/> trade reads fail.</summary>
    public void FailNextReads(int n) => _failures = n;

    public override ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default)
    {
        Reads++;
        if (_failures > 0)
        {
            _failures--;
            return ValueTask.FromResult(ExchangeResult<IReadOnlyList<PublicTrade>>.Failure(ExchangeErrorKind.Network, "connection reset (injected)"));
        }

        IReadOnlyList<PublicTrade> newest = _tapes.TryGetValue(market, out var tape) ? [.. tape.OrderByDescending(t => t.Time).Take(count)] : [];
        return ValueTask.FromResult(ExchangeResult<IReadOnlyList<PublicTrade>>.Success(newest));
    }
}
