using System.CommandLine;
using GridTrader.Configuration;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary>Options every command shares, and the helpers that load configuration for a command.</summary>
internal static class CommonOptions
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitInvalidInput = 2;

    public static Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "Configuration file (JSON). Default: appsettings.json in the working directory, else the embedded safe default.",
        Recursive = true,
    };

    public static Option<string?> DataDir { get; } = new("--data-dir")
    {
        Description = "Directory for the database, logs, lock file and dashboard token (overrides GridTrader:DataDirectory).",
        Recursive = true,
    };

    public static Option<string?> EnvFile { get; } = new("--env-file")
    {
        Description = "File with KEY=value lines for secrets (default: .env in the working directory).",
        Recursive = true,
    };

    /// <summary><c>--reference-url</c> of <c>run</c> and <c>doctor</c>: the reference candle source of a warm start.</summary>
    public static Option<string?> ReferenceUrl() => new("--reference-url")
    {
        Description = "Binance-compatible klines URL for warm-start history (default: Reference:Url, https://api.binance.com); 'off' turns it off.",
    };

    /// <summary>
    /// <c>--mode</c> for commands that read or change a mode's state when no bot is running (a running bot answers for its
    /// own mode). One instance per command.
    /// </summary>
    public static Option<string?> ModeOption()
    {
        var option = new Option<string?>("--mode")
        {
            Description = "Which state to use when no bot is running: simulated, paper or live (default: the mode that ran last in the data " +
                          "directory, else the configuration's Mode).",
        };
        option.AcceptOnlyFromAmong("simulated", "paper", "live");
        return option;
    }

    /// <summary>The mode whose state a command without a running bot uses: <c>--mode</c>, else the last run's, else the configured one.</summary>
    public static Hosting.RunMode StateMode(ParseResult parse, Option<string?> modeOption, Hosting.DataPaths paths, string configuredMode) =>
        Hosting.RunModes.TryParse(parse.GetValue(modeOption), out var chosen) ? chosen
        : paths.LastMode() ?? (Hosting.RunModes.TryParse(configuredMode, out var configured) ? configured : Hosting.RunMode.Simulated);

    /// <summary>A console on standard output as it is now (tests redirect it), for tables and summaries.</summary>
    public static IAnsiConsole Out() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    /// <summary>A console on standard error: diagnostics and progress, so that <c>--json</c> keeps standard output clean.</summary>
    public static IAnsiConsole Error() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Loads configuration; prints every problem; returns null when there are errors.</summary>
    public static LoadedConfig? LoadOrReport(ParseResult parse, IAnsiConsole console, bool quietWarnings = false)
    {
        var loaded = ConfigLoader.Load(parse.GetValue(Config), parse.GetValue(EnvFile));
        if (parse.GetValue(DataDir) is { Length: > 0 } dir) loaded.Options.DataDirectory = dir;
        Report(loaded, console, quietWarnings);
        return loaded.HasErrors ? null : loaded;
    }

    public static void Report(LoadedConfig loaded, IAnsiConsole console, bool quietWarnings = false)
    {
        foreach (var p in loaded.Errors)
        {
            // The message is written past Spectre's word wrap: one problem stays one line, however narrow the console.
            console.Markup("[red]config error[/] ");
            console.Profile.Out.Writer.WriteLine($"{p.Path}: {p.Message}");
        }

        if (quietWarnings) return;
        foreach (var p in loaded.Warnings)
            console.MarkupLineInterpolated($"[yellow]config warning[/] {p.Path}: {p.Message}");
    }

    /// <summary>Writes an error to standard error (never markup-interpreted) and returns the exit code.</summary>
    public static int Fail(string message, int code = ExitInvalidInput)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
