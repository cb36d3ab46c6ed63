using GridTrader.Storage.Tests.Support;

namespace GridTrader.Storage.Tests;

/// <summary>The test runner does not call this; the crash test starts the assembly as a writer process.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) =>
        args is [CrashWriter.Command, var dataDirectory] ? CrashWriter.RunAsync(dataDirectory) : Task.FromResult(2);
}
