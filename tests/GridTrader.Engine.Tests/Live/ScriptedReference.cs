using GridTrader.Core.MarketData;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Reference;

namespace GridTrader.Engine.Tests.Live;

/// <summary>A reference candle source that answers with the candles a test gives it (filtered by the range asked), or fails.</summary>
internal sealed class ScriptedReference(IReadOnlyList<Candle> candles, ExchangeError? failure = null) : IReferenceCandleSource
{
    public string Name => "scripted";

    public List<(string Symbol, TimeSpan Interval, DateTimeOffset First, DateTimeOffset Last)> Requests { get; } = [];

    public ValueTask<ExchangeResult<IReadOnlyList<Candle>>> GetCandlesAsync(string symbol, TimeSpan interval, DateTimeOffset first, DateTimeOffset last,
        int maxCandles, CancellationToken ct = default)
    {
        Requests.Add((symbol, interval, first, last));
        if (failure is not null) return ValueTask.FromResult(ExchangeResult<IReadOnlyList<Candle>>.Failure(failure));
        IReadOnlyList<Candle> inRange = [.. candles.Where(c => c.OpenTimeMs >= first.ToUnixTimeMilliseconds() && c.OpenTimeMs <= last.ToUnixTimeMilliseconds())
            .TakeLast(maxCandles)];
        return ValueTask.FromResult(ExchangeResult<IReadOnlyList<Candle>>.Success(inRange));
    }
}
