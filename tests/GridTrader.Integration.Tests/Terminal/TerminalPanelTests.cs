using System.Diagnostics;
using GridTrader.Integration.Tests.Support;

namespace GridTrader.Integration.Tests.Terminal;

/// <summary>
/// <c>run</c> in a real terminal (a pseudo-terminal from util-linux <c>script</c>): the live panel is drawn with the
/// market row and the controls, and the log's warning lines do not scroll past it.
/// </summary>
public sealed class TerminalPanelTests
{
    [Fact]
    public async Task Run_InATerminal_DrawsTheLivePanelInsteadOfLogLines()
    {
        using var temp = new TempDirectory();
        var dll = Path.Combine(AppContext.BaseDirectory, "gridtrader.dll");
        // A week of 5-minute candles, so the replay ends in seconds; the panel redraws every second meanwhile.
        var command = $"dotnet '{dll}' run --data-dir '{temp.Path}' --speed 300";
        var info = new ProcessStartInfo("script", ["-qfec", command, "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["TERM"] = "xterm-256color";
        info.Environment["COLUMNS"] = "120";
        info.Environment["LINES"] = "40";
        info.Environment["GridTrader__Dashboard__Url"] = "http://127.0.0.1:0";
        info.Environment["GridTrader__Simulation__DataFile"] = "data/BTCUSDT-5m-2023-03-20_26.csv.gz";
        info.Environment["GridTrader__Markets__0__CandleInterval"] = "5m";
        using var process = Process.Start(info)!;
        var read = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var screen = await read;

        Assert.True(process.ExitCode == 0, screen);
        Assert.Contains("\u001b[", screen, StringComparison.Ordinal); // drawn with terminal control sequences
        foreach (var text in new[] { "Market", "Grid profit", "Last event", "BTCNOK", "Ctrl+C stops the bot", "gridtrader pause MARKET" })
            Assert.Contains(text, screen, StringComparison.Ordinal);
        Assert.DoesNotContain(" WRN ", screen, StringComparison.Ordinal); // warnings are in the panel, not scrolled log lines
        Assert.Contains("2000 candles replayed", screen, StringComparison.Ordinal); // the whole week, then the summary line
    }
}
