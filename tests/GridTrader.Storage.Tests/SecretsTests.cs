using System.Text;
using GridTrader.Core.Risk;
using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

/// <summary>
/// The store never receives credentials; this guards that it does not pick any up on its own (configuration,
/// environment) and write them to disk. The engine is responsible for keeping them out of journal messages.
/// </summary>
public sealed class SecretsTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DatabaseFiles_AfterRepresentativeWorkload_ContainNoSecret()
    {
        string[] secrets = ["firi-client-id-5c1e9a", "firi-secret-b7f30d42e8a1", "telegram:AAE-token-91c4"];
        Environment.SetEnvironmentVariable("GRIDTRADER_STORE_TEST_SECRET", secrets[1]);
        await using (var store = Open(_dir))
        {
            var order = NewOrder(1);
            await CommitOpenAsync(store, order, 7_000_000_001L, T0);
            await Commit(store, order, order.ApplySnapshot(order.Amount, 0, 0, T0.AddMinutes(1)), StrategyState());
            await store.SaveRiskStateAsync(new RiskState { PeakEquity = 20_000m });
            await store.SaveBotStateAsync(new BotStateTransition(BotState.Stopped, BotState.Starting, "start", T0));
            await store.AppendJournalAsync("order.filled", "BTCNOK", """{"order":1,"amount":"0.00215140"}""", T0);
            await store.SaveCandlesAsync("BTCNOK", TimeSpan.FromHours(1), [new(0, 1m, 2m, 0.5m, 1.5m, 3m)]);
        }

        var bytes = Directory.GetFiles(_dir.Path).SelectMany(File.ReadAllBytes).ToArray();

        // The scan does see stored text (so a leak would be found)...
        Assert.True(Contains(bytes, """{"order":1,"amount":"0.00215140"}"""));
        // ...and finds none of the secrets that live in the process.
        foreach (var secret in secrets) Assert.False(Contains(bytes, secret), $"'{secret}' found in the database files");
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
