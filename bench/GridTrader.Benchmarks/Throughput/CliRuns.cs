using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace GridTrader.Benchmarks.Throughput;

/// <summary>What one <c>gridtrader backtest --json</c> process reported, and how long the process took from start to exit.</summary>
internal sealed record CliRun(string CandleCache, double ParseMs, double EngineMs, double ElapsedMs, double CandlesPerSecond, long Candles, double ProcessMs,
    double ProcessCpuMs, long PeakRssKb);

/// <summary>
/// Runs the real command line (<c>gridtrader.dll</c>, built beside this runner) as a child process, so the figure is what a
/// user gets: a fresh runtime, JIT included. A fresh cache folder makes the first run cold (parse and write the cache) and
/// the second cached.
/// </summary>
internal static class CliRuns
{
    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "gridtrader.dll");

    public static async Task<CliRun> BacktestAsync(string file, string config, string cacheDir)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { CliPath, "backtest", "--data", file, "--config", config, "--cache-dir", cacheDir, "--json" }) start.ArgumentList.Add(a);
        var cpuBefore = ChildCpuClock.Seconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The child's peak resident set, read from /proc while it runs (Linux only; 0 elsewhere).
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakRssKb(process.Id));
            await Task.Delay(5);
        }

        await process.WaitForExitAsync();
        clock.Stop();
        // CPU time of the whole process (all threads, runtime start-up and JIT included): steadier than wall time on a shared machine.
        var cpu = (ChildCpuClock.Seconds() - cpuBefore) * 1000;
        if (process.ExitCode != 0) throw new InvalidOperationException($"gridtrader backtest exited {process.ExitCode}: {await stderr}");
        var json = JsonNode.Parse(await stdout)!;
        return new CliRun(json["candle_cache"]!.GetValue<string>(), json["parse_ms"]!.GetValue<double>(), json["engine_ms"]!.GetValue<double>(),
            json["elapsed_ms"]!.GetValue<double>(), json["candles_per_second"]!.GetValue<double>(), json["candles"]!.GetValue<long>(),
            clock.Elapsed.TotalMilliseconds, cpu, peak);
    }

    private static long PeakRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process ended between the check and the read.
        }

        return 0;
    }
}
