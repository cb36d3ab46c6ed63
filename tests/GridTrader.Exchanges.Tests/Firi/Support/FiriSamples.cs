namespace GridTrader.Exchanges.Tests.Firi.Support;

/// <summary>Response bodies exactly as printed in docs/firi-api.md, "Answers" (observed or documented samples).</summary>
internal static class FiriSamples
{
    public const string Time = """{"time": 1632954488}""";

    public const string Markets = """
        [
          {"id":"BTCNOK","last":"827301.99","high":"839994.22","change":"-0.57","low":"813881.71","volume":"3.13"},
          {"id":"BTCDKK","last":"566966.12","high":"0","low":"0","volume":"0","change":"0"}
        ]
        """;

    public const string Market = """{"id":"BTCNOK","last":"827301.99","high":"839994.22","change":"-0.57","low":"813881.71","volume":"3.13"}""";

    public const string Ticker = """{"bid":"334803.0600000000000000","ask":"342523.0400000000000000","spread":"7719.9800000000000000"}""";

    public const string Tickers = """[{"market":"BTCNOK","bid":"822000.0000000000000000","ask":"827756.5600000000000000","spread":"5756.56"}]""";

    public const string Depth = """
        {"bids":[["826500.00","0.01000000"],["826000.00","0.25000000"]],
         "asks":[["827756.56","0.00523000"],["828000.00","1.00000000"]]}
        """;

    public const string PublicTrades = """[{"type":"bid","amount":"0.00120000","price":"827301.99","created_at":"2026-10-05T20:59:12.345Z","total":"992.76"}]""";

    public const string Balances = """
        [{"currency":"BTC","balance":"0.00044521","hold":"0.00000000","available":"0.00044521"},
         {"currency":"NOK","balance":"896.76","hold":"0.00","available":"896.76"}]
        """;

    public const string Orders = """
        [{"id":2610958,"market":"BTCNOK","type":"bid","price":"50.00","amount":"1.00000000",
          "remaining":"1.00000000","matched":"0.00000000","cancelled":"0.00000000","created_at":"2020-04-27T17:38:00.776Z"}]
        """;

    public const string TradeRecords = """
        [{"id":"6f1f6b6e-1c2a-4f1e-9a55-0c6f2b6d9a11","market":"BTCNOK","price":"342523.04","price_currency":"NOK",
          "amount":"0.00010000","amount_currency":"BTC","cost":"34.25","cost_currency":"NOK","side":"bid","isMaker":false,
          "date":"2021-01-14T20:25:59.123Z"}]
        """;

    public const string OrderCreated = """{"id":12345678}""";

    public const string Matched = """{"matched":"0.00000000"}""";

    public const string InsufficientFunds = """{"name":"InsufficientFunds","message":"Insufficient funds"}""";

    public const string SecurityLevelTooLow = """{"name":"SecurityLevelTooLow","message":"The user's security level is too low"}""";

    public const string OrderNotFound = """{"name":"OrderNotFound","message":"The specified order does not exist or has been canceled"}""";

    public const string HtmlInternalServerError = "<pre>Internal Server Error</pre>";
}
