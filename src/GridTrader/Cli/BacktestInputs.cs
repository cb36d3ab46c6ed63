using System.CommandLine;
using System.Globalization;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.Cli;

/// <summary>
/// What <c>backtest</c> and <c>sweep</c> run on: a checked configuration, one market of it, a candle file and its range,
/// and the candle cache (null with <c>--no-cache</c>). The candle interval is set on <see cref="Options"/> once the
/// candles are loaded (<see cref="CandleInput"/>).
/// </summary>
internal sealed record BacktestInputs(LoadedConfig Config, MarketOptions Market, BacktestOptions Options, string DataPath,
    DateTimeOffset? From, DateTimeOffset? To, CandleCache? Cache)
{

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

        public Option<string?> CacheDir { get; } = new("--cache-dir")
        {
            Description = "Where parsed candle files are cached, by the SHA-256 of their bytes (default: $GRIDTRADER_CACHE_DIR, " +
                          "else $XDG_CACHE_HOME/gridtrader/candles, else ~/.cache/gridtrader/candles).",
        };

        public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Parse the candle file every time; neither read nor write the cache." };

        public void AddTo(Command command)
        {
            command.Options.Add(Data);
            command.Options.Add(From);
            command.Options.Add(To);
            command.Options.Add(Market);
            command.Options.Add(Json);
            command.Options.Add(CacheDir);
            command.Options.Add(NoCache);
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

        CandleCache? cache = null;
        if (!parse.GetValue(flags.NoCache))
        {
            var cacheDir = parse.GetValue(flags.CacheDir) is { Length: > 0 } given ? given : CandleCache.DefaultDirectory();
            if (File.Exists(cacheDir))
            {
                CommonOptions.Fail($"the candle cache directory {Path.GetFullPath(cacheDir)} is a file; give another --cache-dir or --no-cache.");
                return null;
            }

            cache = new CandleCache(cacheDir);
        }

        exitCode = CommonOptions.ExitOk;
        return new BacktestInputs(loaded, market, BacktestSetup.For(options, market), path, from, to, cache);
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
