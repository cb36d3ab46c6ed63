using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Core.Grid;
using GridTrader.Core.Indicators;
using GridTrader.Core.MarketData;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.Benchmarks.Throughput;

/// <summary>
/// Replays real candle files through the full backtest engine (strategy, risk, trading core, matching engine) and
/// through a bare loop that only updates EMA/ATR over the same candles: the speed-of-light baseline. Prints
/// candles per second of both, their ratio, parsing speed, the peak working set of a streamed run, the candle cache's
/// read, and the command line end to end (cold and cached) in a child process.
/// </summary>
/// <remarks>
/// Usage: <c>throughput [--data FILE]… [--config FILE] [--levels N] [--repeat N] [--engine-only]</c>. Without <c>--data</c> it uses the
/// shipped 3.3-year BTCUSDT 5m file and, when the full data set is here, the 90-day 1m file. <c>--levels</c> applies to
/// the embedded default configuration (used without <c>--config</c>).
/// </remarks>
internal static class ThroughputRunner
{
    private const string Shipped5m = "BTCUSDT_binance-spot_5m_2022-08-01_2025-11-03.csv.gz";
    private const string Full1m = "BTCUSDT_binance-spot_1m_2025-05-20_2025-08-18.csv.gz";

    public static async Task<int> RunAsync(string[] args)
    {
        var files = new List<string>();
        string? config = null;
        var levels = 20;
        var repeat = 3;
        var engineOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data" when value is not null: files.Add(value); i++; break;
                case "--config" when value is not null: config = value; i++; break;
                case "--levels" when value is not null: levels = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--repeat" when value is not null: repeat = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)); i++; break;
                case "--engine-only": engineOnly = true; break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: throughput [--data FILE]… [--config FILE] [--levels N] [--repeat N]");
                    return 2;
            }
        }

        if (files.Count == 0) files.AddRange(DefaultFiles());
        config ??= WriteDefaultConfig(levels);
        var loaded = ConfigLoader.Load(config, environment: new Dictionary<string, string?>());
        if (loaded.HasErrors)
        {
            foreach (var e in loaded.Errors) Console.Error.WriteLine($"config error {e.Path}: {e.Message}");
            return 2;
        }

        var market = BacktestSetup.PickMarket(loaded.Options, null)!;
        var options = BacktestSetup.For(loaded.Options, market);
        options = options with { CollectFills = false };

        Console.WriteLine($"GridTrader throughput: {Environment.ProcessorCount} cores, {RuntimeInfo()}");
        Console.WriteLine($"Config: {loaded.Source}; {options.Market.Symbol} ×{options.PriceMultiplier}, {options.Grid.Levels} levels, " +
                          $"{options.Grid.SpacingMode} spacing, trend filter {(options.Grid.TrendFilterEnabled ? "on" : "off")}");
        Console.WriteLine();

        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"missing: {file}");
                return 2;
            }

            if (engineOnly) await ProfileEngineAsync(file, options, repeat);
            else await MeasureFileAsync(file, options, repeat, config);
        }

        return 0;
    }

    private static async Task MeasureFileAsync(string file, BacktestOptions options, int repeat, string config)
    {
        Console.WriteLine(Path.GetFileName(file));

        // 1. Streamed straight from the file, as `gridtrader backtest` runs: parse + engine, and the memory it needs.
        ResetPeakWorkingSet();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var streamed = await new Backtester(options).RunAsync(new CandleCsvReader(file).Read());
        sw.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peak = PeakWorkingSetBytes();
        Console.WriteLine(Invariant($"  streamed (parse + engine, cold): {streamed.Candles,9:N0} candles in {sw.Elapsed.TotalMilliseconds,8:N0} ms = {streamed.Candles / sw.Elapsed.TotalSeconds,12:N0} candles/s"));
        Console.WriteLine(Invariant($"  peak working set {peak / 1048576.0:N1} MB, allocated {allocated / 1048576.0:N1} MB ({(double)allocated / streamed.Candles:N0} B/candle)"));
        Console.WriteLine(Invariant($"  result: {streamed.RoundTrips} round trips, {streamed.FillCount} fills, net {streamed.NetPnl:N2} {options.Market.QuoteCurrency}, max dd {streamed.MaxDrawdownPct:N2}%, {streamed.OrdersPlaced} orders placed, {streamed.Rejections} refused ({string.Join(", ", streamed.RejectionsByReason.Select(r => $"{r.Key} {r.Value}"))}), {streamed.GridRebuilds} rebuilds, {streamed.Notices.Count} notices"));

        // 2. Parsing alone, into memory.
        sw.Restart();
        var candles = new CandleCsvReader(file).Read().ToArray();
        sw.Stop();
        Console.WriteLine(Invariant($"  parse to array:                  {candles.Length,9:N0} candles in {sw.Elapsed.TotalMilliseconds,8:N0} ms = {candles.Length / sw.Elapsed.TotalSeconds,12:N0} candles/s"));

        // 3. Engine vs bare loop over the same in-memory candles, warmed up, interleaved so noise hits both alike.
        await new Backtester(options).RunAsync(candles.AsSpan(0, Math.Min(candles.Length, 50_000)).ToArray());
        Bare(candles, options.Grid);
        var engineWall = new List<double>();
        var engineCpu = new List<double>();
        var bareWall = new List<double>();
        var bareCpu = new List<double>();
        for (var r = 0; r < repeat; r++)
        {
            var cpu = ThreadCpuClock.Seconds();
            sw.Restart();
            await new Backtester(options).RunAsync(candles);
            engineWall.Add(sw.Elapsed.TotalSeconds);
            engineCpu.Add(ThreadCpuClock.Seconds() - cpu);
            cpu = ThreadCpuClock.Seconds();
            sw.Restart();
            Bare(candles, options.Grid);
            bareWall.Add(sw.Elapsed.TotalSeconds);
            bareCpu.Add(ThreadCpuClock.Seconds() - cpu);
        }

        Report("wall clock", candles.Length, Median(engineWall), Median(bareWall), repeat);
        if (!double.IsNaN(Median(engineCpu))) Report("thread CPU time", candles.Length, Median(engineCpu), Median(bareCpu), repeat);

        // 4. Both loops reading the file themselves (warm): what `backtest` costs against the cheapest possible pass.
        var streamedEngine = new List<double>();
        var streamedBare = new List<double>();
        for (var r = 0; r < repeat; r++)
        {
            sw.Restart();
            await new Backtester(options).RunAsync(new CandleCsvReader(file).Read());
            streamedEngine.Add(sw.Elapsed.TotalSeconds);
            sw.Restart();
            BareStreamed(file, options.Grid);
            streamedBare.Add(sw.Elapsed.TotalSeconds);
        }

        var se = candles.Length / Median(streamedEngine);
        var sb = candles.Length / Median(streamedBare);
        Console.WriteLine(Invariant($"  wall clock, read from the file (warm), median of {repeat}: full engine {se,12:N0} candles/s, bare EMA/ATR loop {sb,12:N0} candles/s, ratio {sb / se:N2}×"));

        // 5. The candle cache in this process: a bulk read of the binary copy, against parsing the CSV.
        var cacheDir = Directory.CreateTempSubdirectory("gridtrader-throughput-cache-").FullName;
        try
        {
            var cache = new CandleCache(cacheDir);
            await (CandleFileLoader.Load(file, cache).CacheWrite ?? Task.CompletedTask);
            var cpu = ThreadCpuClock.Seconds();
            sw.Restart();
            var hit = CandleFileLoader.Load(file, cache);
            sw.Stop();
            cpu = ThreadCpuClock.Seconds() - cpu;
            Console.WriteLine(Invariant($"  candle cache read ({hit.Origin}, hash + bulk read + checksum): {hit.File.Candles.Length,9:N0} candles in {sw.Elapsed.TotalMilliseconds,8:N1} ms = {hit.File.Candles.Length / sw.Elapsed.TotalSeconds,12:N0} candles/s (thread CPU {cpu * 1000:N1} ms)"));
        }
        finally
        {
            Directory.Delete(cacheDir, recursive: true);
        }

        // 6. The command line end to end, as a user runs it: a fresh process, cold (parse + write the cache) then cached.
        cacheDir = Directory.CreateTempSubdirectory("gridtrader-throughput-cli-").FullName;
        try
        {
            var cold = await CliRuns.BacktestAsync(file, config, cacheDir);
            var cached = await CliRuns.BacktestAsync(file, config, cacheDir);
            var engineMemory = candles.Length / Median(engineWall);
            var bareMemory = candles.Length / Median(bareWall);
            foreach (var (name, run) in new[] { ("cold", cold), ("cached", cached) })
            {
                Console.WriteLine(Invariant($"  CLI backtest --json, {name,-6} (cache {run.CandleCache,-7}): {run.CandlesPerSecond,12:N0} candles/s over the command ({run.ElapsedMs,6:N0} ms: parse {run.ParseMs,6:N1} ms, engine {run.EngineMs,6:N0} ms); process {run.ProcessMs,6:N0} ms wall, {run.ProcessCpuMs,6:N0} ms CPU, peak RSS {run.PeakRssKb / 1024.0,6:N1} MB"));
            }

            Console.WriteLine(Invariant($"  ratios: engine in memory / CLI cached {engineMemory / cached.CandlesPerSecond:N2}×, bare loop / CLI cached {bareMemory / cached.CandlesPerSecond:N2}×, CLI cached / cold {cached.CandlesPerSecond / cold.CandlesPerSecond:N2}×, bare / engine {bareMemory / engineMemory:N2}×"));
        }
        finally
        {
            Directory.Delete(cacheDir, recursive: true);
        }

        Console.WriteLine();
    }

    private static void Report(string clock, int candles, double engineSeconds, double bareSeconds, int repeat)
    {
        var engine = candles / engineSeconds;
        var bare = candles / bareSeconds;
        Console.WriteLine(Invariant($"  {clock}, in memory, median of {repeat}: full engine {engine,12:N0} candles/s, bare EMA/ATR loop {bare,12:N0} candles/s, ratio {bare / engine:N2}×"));
    }

    /// <summary>Only the engine over in-memory candles, <paramref name="repeat"/> times: a clean target for a profiler.</summary>
    private static async Task ProfileEngineAsync(string file, BacktestOptions options, int repeat)
    {
        var candles = new CandleCsvReader(file).Read().ToArray();
        var sw = new Stopwatch();
        for (var r = 0; r < repeat; r++)
        {
            sw.Restart();
            await new Backtester(options).RunAsync(candles);
            Console.WriteLine(Invariant($"  run {r + 1}: {candles.Length / sw.Elapsed.TotalSeconds,12:N0} candles/s"));
        }
    }

    /// <summary>The bare loop reading the file itself, as the engine's streamed run does.</summary>
    private static double BareStreamed(string file, GridSettings grid)
    {
        var fast = new Ema(grid.TrendFastPeriod);
        var slow = new Ema(grid.TrendSlowPeriod);
        var atr = new Atr(grid.AtrPeriod);
        foreach (var c in new CandleCsvReader(file).Read())
        {
            var close = (double)c.Close;
            fast.Add(close);
            slow.Add(close);
            atr.Add(c);
        }

        return fast.Value + slow.Value + atr.Value;
    }

    /// <summary>The speed-of-light loop: read each candle and update the indicators the strategy keeps.</summary>
    private static double Bare(Candle[] candles, GridSettings grid)
    {
        var fast = new Ema(grid.TrendFastPeriod);
        var slow = new Ema(grid.TrendSlowPeriod);
        var atr = new Atr(grid.AtrPeriod);
        foreach (ref readonly var c in candles.AsSpan())
        {
            var close = (double)c.Close;
            fast.Add(close);
            slow.Add(close);
            atr.Add(c);
        }

        return fast.Value + slow.Value + atr.Value;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>
    /// The shipped 3.3-year BTCUSDT 5m file of the repository's <c>data/</c>, and the 90-day 1m file when the full data
    /// set is on this machine (<c>$GRIDTRADER_FULL_DATA</c>, or a <c>shared/data</c> folder above the working directory).
    /// </summary>
    private static IEnumerable<string> DefaultFiles()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var shipped = Path.Combine(dir.FullName, "data", Shipped5m);
            if (File.Exists(Path.Combine(dir.FullName, "GridTrader.sln")) && File.Exists(shipped))
            {
                yield return shipped;
                break;
            }
        }

        var folder = Environment.GetEnvironmentVariable("GRIDTRADER_FULL_DATA");
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); folder is null && dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) folder = candidate;
        }

        if (folder is not null && File.Exists(Path.Combine(folder, Full1m))) yield return Path.Combine(folder, Full1m);
    }

    /// <summary>
    /// The embedded default configuration with <paramref name="levels"/> levels, written to a temporary file so no
    /// appsettings.json nearby can change it and the CLI runs see the same configuration as the in-process ones.
    /// </summary>
    private static string WriteDefaultConfig(int levels)
    {
        var json = JsonNode.Parse(ConfigLoader.DefaultJson())!;
        json["GridTrader"]!["Grid"]!["Levels"] = levels;
        var path = Path.Combine(Path.GetTempPath(), $"gridtrader-throughput-default-{levels}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>Linux keeps the peak resident set in VmHWM; writing 5 to clear_refs resets it so each file is measured alone.</summary>
    private static void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            // Not Linux: the process-wide peak is reported instead.
        }
    }

    private static long PeakWorkingSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    private static string RuntimeInfo() => $".NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
