using System.CommandLine;
using System.Globalization;
using GridTrader.Configuration;
using GridTrader.Core.MarketData;
using GridTrader.Exchanges.MarketData;
using GridTrader.Hosting;
using GridTrader.Storage;

namespace GridTrader.Cli;

/// <summary>
/// <c>candles import FILE --market M</c>: loads a candle CSV (the project's format: <c>timestamp_ms,open,high,low,close,volume</c>,
/// plain or gzip) into the store, recorded with source <c>import</c>, so the next start warms up from it. Candles already
/// stored for the same open times are replaced. The bot must be stopped (the data directory's lock).
/// </summary>
internal static class CandlesCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Candle CSV (timestamp_ms,open,high,low,close,volume; .gz or plain)." };
        var market = new Option<string>("--market") { Description = "Market the candles belong to (e.g. BTCNOK).", Required = true };
        var interval = new Option<string?>("--interval") { Description = "Candle interval (e.g. 1h); default: inferred from the file." };
        var scale = new Option<decimal>("--price-multiplier")
        {
            Description = "Multiply prices by this (e.g. 10 to read USDT data as NOK); percent moves do not depend on it.",
            DefaultValueFactory = _ => 1m,
        };
        var mode = CommonOptions.ModeOption();
        var import = new Command("import", "Load a candle CSV into a mode's store (source: import); its next start warms up from it.")
        {
            file, market, interval, scale, mode,
        };
        import.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.EnvFile));
            var paths = DataPaths.For(parse.GetValue(CommonOptions.DataDir) is { Length: > 0 } d ? d : loaded.Options.DataDirectory);
            var state = paths.ForMode(CommonOptions.StateMode(parse, mode, paths, loaded.Options.Mode));
            var symbol = (parse.GetValue(market) ?? "").Trim().ToUpperInvariant();
            if (symbol.Length == 0 || !symbol.All(char.IsAsciiLetterOrDigit)) return CommonOptions.Fail($"--market '{symbol}' is not a market symbol such as BTCNOK.");
            var path = parse.GetValue(file)!;
            if (!path.Exists) return CommonOptions.Fail($"candle file not found: {path.FullName}");
            var multiplier = parse.GetValue(scale);
            if (multiplier <= 0) return CommonOptions.Fail($"--price-multiplier must be positive (got {multiplier.ToString(CultureInfo.InvariantCulture)}).");
            TimeSpan? given = null;
            if (parse.GetValue(interval) is { Length: > 0 } text)
            {
                if (!CandleInterval.TryParse(text, out var parsed)) return CommonOptions.Fail($"--interval '{text}' is not an interval (e.g. 5m, 1h).");
                given = parsed;
            }

            var configured = loaded.Options.Markets.FirstOrDefault(m => string.Equals(m.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
            var decimals = configured?.PriceDecimals ?? 2;
            List<Candle> candles;
            TimeSpan candleInterval;
            try
            {
                var reader = new CandleCsvReader(path.FullName, new CandleCsvReadOptions { Interval = given });
                if (reader.DetectInterval() is not { } detected) return CommonOptions.Fail($"{path.FullName}: the candle interval cannot be inferred; pass --interval.");
                candleInterval = detected;
                var candleScale = multiplier == 1m ? CandleScale.Identity : new CandleScale(multiplier, 1m, decimals);
                candles = [.. reader.Read().Select(c => candleScale.Apply(c))];
            }
            catch (CandleDataException ex)
            {
                return CommonOptions.Fail(ex.Message);
            }

            if (candles.Count == 0) return CommonOptions.Fail($"{path.FullName} holds no candles.");
            try
            {
                using var instanceLock = InstanceLock.Acquire(paths.Root);
                await using var store = SqliteStore.Open(state.Root);
                await store.SaveCandlesAsync(symbol, candleInterval, candles, CandleSources.Import, ct);
                var counts = await store.CountCandlesBySourceAsync(symbol, candleInterval, null, ct);
                var c = CultureInfo.InvariantCulture;
                Console.WriteLine(string.Create(c,
                    $"Imported {candles.Count} {CandleInterval.Format(candleInterval)} candles of {symbol} ({candles[0].OpenTime:yyyy-MM-dd HH:mm} → {candles[^1].OpenTime:yyyy-MM-dd HH:mm} UTC) into {state.Database} ({state.Mode.Name()}); stored now: {string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"))}."));
                if (configured is not null && CandleInterval.TryParse(configured.CandleInterval, out var marketInterval) && marketInterval != candleInterval)
                    Console.Error.WriteLine($"warning: {symbol} trades on {configured.CandleInterval} candles; these {CandleInterval.Format(candleInterval)} candles are kept but not used by its grid.");
                return CommonOptions.ExitOk;
            }
            catch (StoreException ex)
            {
                return CommonOptions.Fail(ex.Message, CommonOptions.ExitFailure);
            }
        });

        var command = new Command("candles", "Work with the stored candle history.");
        command.Subcommands.Add(import);
        return command;
    }
}
