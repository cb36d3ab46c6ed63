using GridTrader.Core.Markets;

namespace GridTrader.Storage.Tests.Support;

/// <summary>
/// Run as a separate process (<c>dotnet exec GridTrader.Storage.Tests.dll crash-writer DIR</c>): takes the instance
/// lock and fills one order after another, printing <c>committed N</c> once order N's fill has been committed, until
/// the parent kills it mid-write.
/// </summary>
internal static class CrashWriter
{
    public const string Command = "crash-writer";
    public const string CommittedPrefix = "committed ";

    /// <summary>A writer whose parent died stops by itself.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(string dataDirectory)
    {
        using var instanceLock = InstanceLock.Acquire(dataDirectory);
        var store = SqliteStore.Open(dataDirectory);
        var started = DateTime.UtcNow;
        for (var id = 1L; DateTime.UtcNow - started < GiveUpAfter; id++)
        {
            var order = Samples.NewOrder(id, Side.Buy, level: (int)id);
            var now = Samples.T0.AddSeconds(id);
            await Samples.CommitOpenAsync(store, order, 1_000_000_000L + id, now);
            await Samples.Commit(store, order, order.ApplySnapshot(order.Amount, 0, 0, now.AddSeconds(1)));
            await Console.Out.WriteLineAsync(CommittedPrefix + id);
            await Console.Out.FlushAsync();
        }

        // Never disposed on purpose: a clean close would checkpoint the WAL that the crash test wants to recover.
        GC.KeepAlive(store);
        return 1;
    }
}
