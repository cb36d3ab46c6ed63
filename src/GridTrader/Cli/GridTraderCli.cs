using System.CommandLine;

namespace GridTrader.Cli;

/// <summary>The <c>gridtrader</c> command line.</summary>
internal static class GridTraderCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("GridTrader: a crash-safe grid trading bot for Firi (simulated, paper and live).");
        root.Options.Add(CommonOptions.Config);
        root.Options.Add(CommonOptions.DataDir);
        root.Options.Add(CommonOptions.EnvFile);
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        foreach (var command in ControlCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(MarketsCommand.Create());
        root.Subcommands.Add(ReconcileCommand.Create());
        root.Subcommands.Add(LogsCommand.Create());
        root.Subcommands.Add(TradesCommand.Create());
        root.Subcommands.Add(CandlesCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        return root;
    }

    public static Task<int> RunAsync(string[] args, CancellationToken ct = default) => Create().Parse(args).InvokeAsync(cancellationToken: ct);
}
