using System.CommandLine;
using System.Globalization;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.Cli;

/// <summary>What <c>backtest</c> and <c>sweep</c> run on: a checked configuration, one market of it, and a candle file.</summary>
internal sealed record BacktestInputs(LoadedConfig Config, MarketOptions Market, BacktestOptions Options, CandleCsvReader Reader)
{
    public string DataPath => Reader.Path;
    public DateTimeOffset? From => Reader.Options.From;
    public DateTimeOffset? To => Reader.Options.To;

    /// <summary>The options both commands share; each command gets its own instances.</summary>
    public sealed class Flags
    {
        public Option<string> Data { get; } = new("--data", "-d")
        {
            Description = "Candle file: CSV, plain or gzip, with the header timestamp_ms,open,high,low,close,volume (see data/README.md).",
            Required = true,
        };

        public Option<string?> From { get; } = new("--from")
        {
            Description = "First candle to use, by open time (UTC): an ISO date or date-time such as 2024-03-01 or 2024-03-01T12:00.",
        };

        public Option<string?> To { get; } = new("--to")
        {
            Description = "Stop before the candle that opens at this time (UTC, exclusive), same format as --from.",
        };

        public Option<string?> Market { get; } = new("--market")
        {
            Description = "Market symbol from the configuration (default: the first enabled one).",
        };

        public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object on standard output and nothing else." };

        public void AddTo(Command command)
        {
            command.Options.Add(Data);
            command.Options.Add(From);
            command.Options.Add(To);
            command.Options.Add(Market);
            command.Options.Add(Json);
        }
    }

    /// <summary>
    /// Loads and checks everything a run needs. On bad input (invalid configuration, missing file, unreadable dates)
    /// prints why on standard error and returns null; <paramref name="exitCode"/> then says how to exit.
    /// </summary>
    public static BacktestInputs? Resolve(ParseResult parse, Flags flags, out int exitCode)
    {
        exitCode = CommonOptions.ExitInvalidInput;
        var json = parse.GetValue(flags.Json);
        var loaded = CommonOptions.LoadOrReport(parse, CommonOptions.Error(), quietWarnings: json);
        if (loaded is null) return null;

        var options = loaded.Options;
        var symbol = parse.GetValue(flags.Market);
        var market = BacktestSetup.PickMarket(options, symbol);
        if (market is null)
        {
            CommonOptions.Fail(symbol is null ? "the configuration has no market." : $"market '{symbol}' is not in the configuration.");
            return null;
        }

        if (!TryParseTime(parse.GetValue(flags.From), "--from", out var from) || !TryParseTime(parse.GetValue(flags.To), "--to", out var to))
            return null;
        if (from is not null && to is not null && from >= to)
        {
            CommonOptions.Fail($"--from ({Format(from.Value)}) must be before --to ({Format(to.Value)}).");
            return null;
        }

        var path = parse.GetValue(flags.Data)!;
        if (!File.Exists(path))
        {
            CommonOptions.Fail($"data file not found: {Path.GetFullPath(path)}");
            return null;
        }

        var reader = new CandleCsvReader(path, new CandleCsvReadOptions { From = from, To = to });
        TimeSpan? interval;
        try
        {
            interval = reader.DetectInterval();
        }
        catch (Exception ex) when (ex is CandleDataException or IOException or UnauthorizedAccessException)
        {
            CommonOptions.Fail(ex.Message);
            return null;
        }

        // The interval comes from the data (the configured CandleInterval is the live feed's); reading the file
        // with it lets the reader check every step against it.
        reader = new CandleCsvReader(path, reader.Options with { Interval = interval });
        var backtest = BacktestSetup.For(options, market) with { CandleInterval = interval };
        exitCode = CommonOptions.ExitOk;
        return new BacktestInputs(loaded, market, backtest, reader);
    }

    /// <summary>Parses an ISO date or date-time as UTC (an explicit offset is honoured); prints why when it cannot.</summary>
    public static bool TryParseTime(string? text, string option, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        string[] formats =
        [
            "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        ];
        if (DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        CommonOptions.Fail($"{option} '{text}' is not a date or date-time; use ISO 8601 (UTC), e.g. 2024-03-01 or 2024-03-01T12:00.");
        return false;
    }

    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
