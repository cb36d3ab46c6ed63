using System.CommandLine;
using System.Text.Json;
using GridTrader.Configuration;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary><c>config validate</c> and <c>config show</c>.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Inspect and validate the configuration.");

        var json = new Option<bool>("--json") { Description = "Print problems as JSON." };
        var validate = new Command("validate", "Validate the configuration and report every problem with the path of its key.") { json };
        validate.SetAction(parse =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.EnvFile));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    source = loaded.Source,
                    valid = !loaded.HasErrors,
                    errors = loaded.Errors.Select(p => new { path = p.Path, message = p.Message }),
                    warnings = loaded.Warnings.Select(p => new { path = p.Path, message = p.Message }),
                }));
                return loaded.HasErrors ? CommonOptions.ExitInvalidInput : CommonOptions.ExitOk;
            }

            var console = AnsiConsole.Console;
            console.MarkupLineInterpolated($"Configuration: {loaded.Source}");
            CommonOptions.Report(loaded, console);
            if (loaded.HasErrors)
            {
                console.MarkupLineInterpolated($"[red]{loaded.Errors.Count()} error(s)[/]; nothing was started.");
                return CommonOptions.ExitInvalidInput;
            }

            console.MarkupLineInterpolated($"[green]valid[/]: mode {loaded.Options.Mode}, {loaded.Options.Markets.Count} market(s), dry-run {loaded.Options.Risk.DryRun}; secrets: {loaded.Secrets}");
            return CommonOptions.ExitOk;
        });
        command.Subcommands.Add(validate);

        var show = new Command("show", "Print the embedded default configuration (a starting point for your own file).");
        show.SetAction(_ =>
        {
            Console.WriteLine(ConfigLoader.DefaultJson());
            return CommonOptions.ExitOk;
        });
        command.Subcommands.Add(show);
        return command;
    }
}
