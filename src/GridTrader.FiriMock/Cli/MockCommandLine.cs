using System.CommandLine;
using System.Globalization;
using GridTrader.FiriMock.Auth;
using GridTrader.FiriMock.Faults;

namespace GridTrader.FiriMock.Cli;

/// <summary>The mock's command line: options into a <see cref="FiriMockOptions"/>, and the run itself.</summary>
internal static class MockCommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;

    private static readonly Option<int> Port = new("--port")
    {
        Description = "Port on 127.0.0.1 (0 picks a free one; the ready line shows it).",
        DefaultValueFactory = _ => 5090,
    };

    private static readonly Option<FileInfo?> Data = new("--data")
    {
        Description = "Candle CSV (timestamp_ms,open,high,low,close,volume; .gz or plain) replayed in real time for BTCNOK; "
            + "ETHNOK follows it scaled by --eth-ratio unless --data-eth is given. Without it: a seeded random walk.",
    };

    private static readonly Option<FileInfo?> DataEth = new("--data-eth") { Description = "Candle CSV for ETHNOK." };

    private static readonly Option<decimal> PriceMultiplier = new("--price-multiplier")
    {
        Description = "Candle prices are multiplied by this (USDT data read as NOK).",
        DefaultValueFactory = _ => 10m,
    };

    private static readonly Option<decimal> EthRatio = new("--eth-ratio")
    {
        Description = "ETHNOK's price as a share of BTCNOK's when it follows the BTC file.",
        DefaultValueFactory = _ => 0.03m,
    };

    private static readonly Option<double> CandleSeconds = new("--candle-seconds")
    {
        Description = "Real seconds spent walking one candle (open → extremes → close).",
        DefaultValueFactory = _ => 2d,
    };

    private static readonly Option<int> HistoryCandles = new("--history-candles")
    {
        Description = "Serve the first N candles of each market's source as history before the start on GET /api/v3/klines "
            + "(Binance-compatible, prices ÷ --price-multiplier); the live prices continue after them.",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<bool> Scripted = new("--scripted")
    {
        Description = "No automatic price movement; prices move only through POST /admin/price and /admin/candle.",
    };

    private static readonly Option<string?> ApiKey = new("--api-key") { Description = $"Access key (default {FiriMockOptions.DefaultApiKey})." };

    private static readonly Option<string?> ClientId = new("--client-id") { Description = $"Client id (default {FiriMockOptions.DefaultClientId})." };

    private static readonly Option<string?> Secret = new("--secret") { Description = $"HMAC secret (default {FiriMockOptions.DefaultSecret})." };

    private static readonly Option<bool> ReadOnly = new("--read-only")
    {
        Description = "The key may only read: placing or cancelling orders answers 401 SecurityLevelTooLow.",
    };

    private static readonly Option<string?> Balance = new("--balance")
    {
        Description = "Starting balances, e.g. NOK=100000,BTC=1 (default NOK=100000,BTC=1,ETH=10).",
    };

    private static readonly Option<string?> Faults = new("--faults")
    {
        Description = "Fault spec, entries separated by ';': latency=50-200ms; 5xx=0.05; 429=0.02; html=0.02; drop=0.01; "
            + "lost-create=0.1; skew=+30s; retry-after=1s; lost-create-delay=30s. Rates are probabilities per request (0.05 or 5%) "
            + "or counts (3x = the next three). A selector narrows a rule: 5xx:GET=0.2, drop:POST/v2/orders=1x, 429:/v2/orders*=0.1. "
            + "Change at runtime with POST /admin/faults.",
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seeds the random walk and the fault dice: the same seed and requests give the same run.",
        DefaultValueFactory = _ => 42,
    };

    private static readonly Option<decimal> Fee = new("--fee")
    {
        Description = "Trading fee per side as a fraction.",
        DefaultValueFactory = _ => 0.005m,
    };

    private static readonly Option<int> GraceMs = new("--signature-grace-ms")
    {
        Description = "Grace after timestamp + validity before a signature counts as expired.",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Option<bool> Strict = new("--strict-signatures")
    {
        Description = "Accept only signatures over {timestamp, validity, ...body} (not the other known forms).",
    };

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Log requests refused, faults and orders to the console." };

    public static RootCommand Create(TextWriter output)
    {
        var root = new RootCommand("FiriMock: Firi's REST API on 127.0.0.1 over the simulated matching engine, with fault "
            + "injection. Admin API (unauthenticated): GET /admin/state, GET|POST /admin/faults, POST /admin/price, "
            + "POST /admin/candle, POST /admin/deposit, POST /admin/reset. Reference klines: GET /api/v3/klines.");
        foreach (var option in (Option[])[Port, Data, DataEth, PriceMultiplier, EthRatio, CandleSeconds, HistoryCandles, Scripted, ApiKey, ClientId,
                     Secret, ReadOnly, Balance, Faults, Seed, Fee, GraceMs, Strict, Verbose])
            root.Options.Add(option);

        root.SetAction(async (parse, ct) =>
        {
            FiriMockOptions options;
            try
            {
                options = ToOptions(parse);
                options.Validate();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitFailure;
            }

            await using var server = new FiriMockServer();
            try
            {
                await server.StartAsync(options, ct);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"error: cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
                return ExitFailure;
            }

            await output.WriteLineAsync(server.ReadyLine);
            await output.FlushAsync(ct);
            await server.WaitForShutdownAsync(ct);
            return ExitOk;
        });
        return root;
    }

    /// <summary>The options a command line asks for; <see cref="FormatException"/> for a malformed value.</summary>
    public static FiriMockOptions ToOptions(ParseResult parse)
    {
        var options = new FiriMockOptions
        {
            Port = parse.GetValue(Port),
            PriceMultiplier = parse.GetValue(PriceMultiplier),
            FollowerRatio = parse.GetValue(EthRatio),
            CandleDuration = TimeSpan.FromSeconds(parse.GetValue(CandleSeconds)),
            HistoryCandles = parse.GetValue(HistoryCandles),
            Seed = parse.GetValue(Seed),
            FeeRate = parse.GetValue(Fee),
            Faults = FaultSpec.Parse(parse.GetValue(Faults)),
            Verbose = parse.GetValue(Verbose),
        };
        options.Auth.ExpiryGrace = TimeSpan.FromMilliseconds(parse.GetValue(GraceMs));
        options.Auth.Strict = parse.GetValue(Strict);

        if (parse.GetValue(Data) is { } data)
        {
            options.PriceSource = MockPriceSource.CandleFile;
            options.DataFile = RequireFile(data);
            options.EthDataFile = parse.GetValue(DataEth) is { } eth ? RequireFile(eth) : null;
        }

        if (parse.GetValue(Scripted)) options.PriceSource = MockPriceSource.Scripted;

        var permissions = parse.GetValue(ReadOnly) ? MockPermissions.Read : MockPermissions.All;
        var apiKey = parse.GetValue(ApiKey);
        var clientId = parse.GetValue(ClientId);
        var secret = parse.GetValue(Secret);
        if (apiKey is not null || clientId is not null || secret is not null || permissions != MockPermissions.All)
        {
            options.Keys.Add(new MockApiKey(apiKey ?? FiriMockOptions.DefaultApiKey, clientId ?? FiriMockOptions.DefaultClientId,
                secret ?? FiriMockOptions.DefaultSecret, permissions));
        }

        if (parse.GetValue(Balance) is { } balances)
        {
            options.Balances.Clear();
            foreach (var (currency, amount) in ParseBalances(balances)) options.Balances[currency] = amount;
        }

        return options;
    }

    /// <summary>Reads <c>NOK=100000,BTC=1</c>.</summary>
    public static IReadOnlyDictionary<string, decimal> ParseBalances(string text)
    {
        var result = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiLetterOrDigit)
                || !decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
                throw new FormatException($"Balance entry '{entry}' is not CURRENCY=AMOUNT (e.g. NOK=100000).");
            result[parts[0].ToUpperInvariant()] = amount;
        }

        return result;
    }

    private static string RequireFile(FileInfo file) =>
        file.Exists ? file.FullName : throw new ArgumentException($"Candle file {file.FullName} does not exist.");
}
