using GridTrader.Cli;

namespace GridTrader.Integration.Tests.Cli;

/// <summary>What one in-process run of the command line printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs <c>gridtrader</c> in this process with standard output and error captured. Console redirection is global, so
/// runs are serialised, and every test of this collection runs alone.
/// </summary>
internal static class CliRunner
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Candle caches of the tests go to a temporary folder, never to the user's cache.</summary>
    public static readonly string CandleCacheDir = Path.Combine(Path.GetTempPath(), "gridtrader-test-candle-cache");

    static CliRunner() => Environment.SetEnvironmentVariable("GRIDTRADER_CACHE_DIR", CandleCacheDir);

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        await Gate.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await GridTraderCli.RunAsync(args);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Gate.Release();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "command line";
}
