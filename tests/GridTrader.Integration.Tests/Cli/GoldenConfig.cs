namespace GridTrader.Integration.Tests.Cli;

/// <summary>
/// The configuration of the engine's golden backtest (GoldenBacktestTests): BTC/USDT prices as they are, 4 fixed 1.2%
/// levels, trend filter, spike, breaker and expiry off, touch fills (the hand derivation assumes them). On 2023-03-20
/// 03:00–09:00 it makes 3 round trips worth 2.8968209745 USDT after fees.
/// </summary>
internal static class GoldenConfig
{
    public const string DataFile = "BTCUSDT-5m-2023-03-20_26.csv.gz";
    public const string From = "2023-03-20T03:00";
    public const string To = "2023-03-20T09:00";

    public const string Json = """
        {
          "GridTrader": {
            "Mode": "simulated",
            "Simulation": { "PriceMultiplier": 1, "InitialBalances": { "USDT": 10000 }, "FillModel": "Touch" },
            "Markets": [ { "Symbol": "BTCUSDT", "CapitalFraction": 0.2, "PriceDecimals": 2, "AmountDecimals": 5, "MinAmount": 0.0001, "CandleInterval": "5m" } ],
            "Grid": { "Levels": 4, "SpacingMode": "FixedPercent", "SpacingPct": 1.2, "TrendFilterEnabled": false, "VolatilitySpikeMultiplier": 1000, "Recenter": "Wait" },
            "Risk": { "MinOrderValue": 10, "CircuitBreakerAtrJump": 1000 },
            "Engine": { "OrderTtlHours": 0 }
          }
        }
        """;
}
