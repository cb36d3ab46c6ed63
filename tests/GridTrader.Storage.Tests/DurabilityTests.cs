using System.Diagnostics;
using System.Globalization;
using GridTrader.Core.Orders;
using Xunit.Abstractions;
using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

public sealed class DurabilityTests(ITestOutputHelper output) : IDisposable
{
    private const int CommittedBeforeKill = 25;
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }

    [Fact]
    public async Task KilledWriter_MidWrite_KeepsEveryCommittedFillAndReleasesTheLock()
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { "exec", typeof(CrashWriter).Assembly.Location, CrashWriter.Command, _dir.Path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var writer = Process.Start(start) ?? throw new InvalidOperationException("Could not start the writer process.");
        long lastReported = 0;
        try
        {
            while (lastReported < CommittedBeforeKill)
            {
                var line = await writer.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                    ?? throw new InvalidOperationException("Writer ended early: " + await writer.StandardError.ReadToEndAsync());
                lastReported = long.Parse(line[CrashWriter.CommittedPrefix.Length..], CultureInfo.InvariantCulture);
            }

            // While it writes: a second instance is locked out, and a reader in this process can read.
            var locked = Assert.Throws<StoreException>(() => InstanceLock.Acquire(_dir.Path));
            Assert.Contains(Path.Combine(_dir.Path, InstanceLock.FileName), locked.Message, StringComparison.Ordinal);
            await using (var reader = SqliteStore.OpenReadOnly(_dir.Path))
                Assert.True((await reader.LoadOrdersAsync(nonFinalOnly: false)).Count >= CommittedBeforeKill);
        }
        finally
        {
            writer.Kill(); // SIGKILL on Unix: no finally blocks, no checkpoint, no clean close.
            await writer.WaitForExitAsync();
        }

        var walBytes = new FileInfo(_dir.DatabasePath + "-wal").Length;
        Assert.True(walBytes > 0, "the writer's commits should still be in the WAL");
        using var instanceLock = InstanceLock.Acquire(_dir.Path);
        await using var store = Open(_dir);
        Assert.Equal("ok", RawDatabase.Scalar(_dir.DatabasePath, "PRAGMA integrity_check"));

        var orders = await store.LoadOrdersAsync(nonFinalOnly: false);
        var fills = (await store.LoadFillsAsync()).ToLookup(f => f.OrderId);
        output.WriteLine($"{lastReported} orders reported committed, {orders.Count} stored, {fills.Count} filled, WAL {walBytes} bytes at the kill");
        Assert.True(orders.Count >= lastReported, $"{orders.Count} orders stored, {lastReported} reported committed");
        foreach (var order in orders)
        {
            // Every order is whole: either still open without a fill, or filled with exactly its one fill.
            if (order.Id <= lastReported) Assert.Equal(OrderState.Filled, order.State);
            Assert.Equal(order.State == OrderState.Filled ? [order.Amount] : [], fills[order.Id].Select(f => f.Amount));
        }
    }

    [Fact]
    public async Task ReadOnlyStore_WhileWriterOpen_SeesEachNewCommit()
    {
        await using var writer = Open(_dir);
        var first = NewOrder(1);
        await Commit(writer, first, first.MarkSubmitting(T0));

        await using var reader = SqliteStore.OpenReadOnly(_dir.Path);
        Assert.Single(await reader.LoadOrdersAsync(false));
        var second = NewOrder(2, level: 1);
        await Commit(writer, second, second.MarkSubmitting(T0));
        await writer.AppendJournalAsync("order.placed", "BTCNOK", "{}", T0);

        Assert.True(reader.IsReadOnly);
        Assert.Equal([1L, 2L], (await reader.LoadOrdersAsync(false)).Select(o => o.Id));
        Assert.Single(await reader.LoadJournalAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.AppendJournalAsync("x", null, "{}", T0).AsTask());
    }

    [Fact]
    public async Task ReadOnlyStore_AfterWriterClosed_ReadsCleanlyClosedDatabase()
    {
        await using (var writer = Open(_dir))
        {
            var order = NewOrder(1);
            await Commit(writer, order, order.MarkSubmitting(T0));
        }

        await using var reader = SqliteStore.OpenReadOnly(_dir.Path);

        Assert.Single(await reader.LoadOrdersAsync(false));
    }

    [Fact]
    public async Task Store_AfterDispose_RefusesWork()
    {
        var store = Open(_dir);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadOrdersAsync(false).AsTask());
    }
}
