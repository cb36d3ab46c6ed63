using GridTrader.Core.Indicators;
using GridTrader.Core.Risk;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Engine.Tests.Backtesting;

/// <summary>
/// The breaker's per-interval defaults on the shipped data: the demo's one-minute candles trip it a few times a month
/// instead of several times a day, so the demo run stays quiet. ATR(14) as the strategy computes it, the jump as
/// <see cref="RiskManager.OnVolatility"/> measures it, the cooldown included.
/// </summary>
public sealed class BreakerDefaultsTests
{
    private static int Trips(string file, TimeSpan interval, decimal? configured = null)
    {
        var risk = new RiskManager(new RiskSettings { CircuitBreakerAtrJump = configured });
        risk.UseCandleInterval("BTCNOK", interval);
        var atr = new Atr(14);
        var trips = 0;
        var time = DateTimeOffset.UnixEpoch;
        foreach (var candle in new CandleCsvReader(TestRepository.SampleData(file)).Read())
        {
            var previous = atr.IsReady ? atr.Value : double.NaN;
            atr.Add(candle);
            if (risk.OnVolatility("BTCNOK", atr.Value, previous, time) is { Name: RiskEvent.CircuitTripped }) trips++;
        }

        return trips;
    }

    [Fact]
    public void Breaker_ShippedOneMinuteDemoAtItsIntervalsDefault_TripsAFewTimesInTheMonth()
    {
        // July 2025, 44,640 candles (744 hours): 5 trips at the 1m default, 287 at the flat 30 % it replaced.
        Assert.Equal(5, Trips("BTCUSDT-1m-2025-07.csv.gz", TimeSpan.FromMinutes(1)));
        Assert.Equal(287, Trips("BTCUSDT-1m-2025-07.csv.gz", TimeSpan.FromMinutes(1), configured: 0.3m));
    }

    [Fact]
    public void Breaker_ShippedFiveMinuteYearAtItsIntervalsDefault_TripsAboutOnceAMonth()
    {
        // 2024, 105,408 candles (8,784 hours): 10 trips at the 5m default, 203 at a flat 30 %.
        Assert.Equal(10, Trips("BTCUSDT-5m-2024.csv.gz", TimeSpan.FromMinutes(5)));
        Assert.Equal(203, Trips("BTCUSDT-5m-2024.csv.gz", TimeSpan.FromMinutes(5), configured: 0.3m));
    }
}
