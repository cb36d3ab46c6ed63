using System.Globalization;
using GridTrader.Soak;

// gridtrader soak: the chaos soak against the Firi mock. Usage:
//   dotnet run -c Release --project bench/GridTrader.Soak -- [--kills N] [--seed S] [--faults SPEC] [--keep DIR]
// Exit code 0 when every check passed, 1 when a problem was found, 2 on bad arguments.
var kills = SoakProfile.OnDemand.Kills;
var seed = SoakProfile.OnDemand.Seed;
var faults = SoakProfile.DefaultFaults;
string? keep = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    try
    {
        switch (args[i])
        {
            case "--kills": kills = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--faults": faults = Next(); break;
            case "--keep": keep = Next(); break;
            default: throw new ArgumentException($"unknown argument {args[i]} (use --kills N, --seed S, --faults SPEC, --keep DIR).");
        }
    }
    catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 2;
    }
}

if (kills < 1)
{
    Console.Error.WriteLine("error: --kills must be at least 1.");
    return 2;
}

var work = keep ?? Path.Combine(Path.GetTempPath(), "gridtrader-soak", Guid.NewGuid().ToString("N"));
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var report = await new SoakRunner(new SoakProfile(kills, seed, faults), Console.Out).RunAsync(work, cancel.Token);
Console.WriteLine();
Console.WriteLine(report);
if (keep is null)
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
        // A temp folder; the OS cleans up eventually.
    }
}

return report.Passed ? 0 : 1;
