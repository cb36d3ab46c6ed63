using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Control;
using GridTrader.Core.Risk;
using GridTrader.Integration.Tests.Dashboard;

namespace GridTrader.Integration.Tests.Control;

/// <summary>
/// Telegram control of a running bot (simulated exchange) through a local fake of the Telegram Bot API: commands from the
/// configured chat are answered, reach the engine and are journaled; another chat gets no answer and changes nothing.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TelegramControlTests
{
    private const long ControlChat = 42;
    private const long StrangerChat = 99;

    private static async Task<(DashboardBot Bot, FakeTelegramApi Api)> StartAsync()
    {
        var api = await FakeTelegramApi.StartAsync();
        try
        {
            var bot = await DashboardBot.StartAsync(configure: section =>
            {
                var notifications = section["Notifications"] as JsonObject ?? [];
                section["Notifications"] = notifications;
                notifications["Telegram"] = new JsonObject
                {
                    [nameof(TelegramOptions.BaseUrl)] = api.BaseUrl,
                    [nameof(TelegramOptions.ControlEnabled)] = true,
                    [nameof(TelegramOptions.ControlChatIds)] = new JsonArray(ControlChat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                };
            }, environment: new Dictionary<string, string?> { [Secrets.TelegramTokenVariable] = FakeTelegramApi.Token });
            return (bot, api);
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Commands_FromTheControlChat_AreAnsweredReachTheEngineAndAreJournaled()
    {
        var (bot, api) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var status = await api.AskAsync(ControlChat, "/status");
            Assert.StartsWith("RUNNING · simulated", status, StringComparison.Ordinal);
            Assert.Contains("BTCNOK", status, StringComparison.Ordinal);
            Assert.Contains("open order(s):", await api.AskAsync(ControlChat, "/orders"), StringComparison.Ordinal);
            Assert.StartsWith("Realized P&L", await api.AskAsync(ControlChat, "/profit"), StringComparison.Ordinal);

            Assert.Contains("BTCNOK paused", await api.AskAsync(ControlChat, "/pause btcnok"), StringComparison.Ordinal);
            Assert.True(bot.Runtime.Engine.Snapshot!.Markets.Single().Paused);
            Assert.Contains("BTCNOK resumed", await api.AskAsync(ControlChat, "/resume BTCNOK"), StringComparison.Ordinal);
            Assert.False(bot.Runtime.Engine.Snapshot!.Markets.Single().Paused);

            // /kill only asks; /confirm engages.
            Assert.Contains("/confirm", await api.AskAsync(ControlChat, "/kill"), StringComparison.Ordinal);
            Assert.Equal(BotState.Running, bot.Runtime.Engine.Snapshot!.State);
            var killed = await api.AskAsync(ControlChat, "/confirm");
            Assert.Contains("kill-switch engaged", killed, StringComparison.Ordinal);
            Assert.True(bot.Runtime.Engine.Snapshot!.KillSwitchEngaged);
            Assert.Equal(BotState.Halted, bot.Runtime.Engine.Snapshot!.State);

            var journal = await bot.Runtime.Store.LoadJournalAsync(name: TelegramCommands.JournalCommand);
            Assert.Equal(["/status", "/orders", "/profit", "/pause btcnok", "/resume BTCNOK", "/kill", "/confirm"],
                journal.Select(e => e.Message.Split(": ", 2)[1].Split(" → ")[0]));
            Assert.All(journal, e => Assert.StartsWith("chat 42: ", e.Message, StringComparison.Ordinal));
            Assert.Contains(journal, e => e.Market == "BTCNOK");
            Assert.DoesNotContain(FakeTelegramApi.Token, string.Join('\n', journal.Select(e => e.Message)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Commands_FromAnUnknownChat_GetNoAnswerChangeNothingAndAreJournaledAsRefused()
    {
        var (bot, api) = await StartAsync();
        await using (api)
        await using (bot)
        {
            api.Say(StrangerChat, "/pause");
            api.Say(StrangerChat, "/kill");
            api.Say(StrangerChat, "/confirm");
            // Updates are handled in order: once the control chat has its answer, the stranger's commands were seen.
            Assert.StartsWith("RUNNING", await api.AskAsync(ControlChat, "/status"), StringComparison.Ordinal);
            await api.WaitUntilFetchedAsync();

            Assert.DoesNotContain(api.Sent, m => m.ChatId == StrangerChat);
            var snapshot = bot.Runtime.Engine.Snapshot!;
            Assert.Equal(BotState.Running, snapshot.State);
            Assert.False(snapshot.KillSwitchEngaged);
            Assert.False(snapshot.GloballyPaused);
            var refused = await bot.Runtime.Store.LoadJournalAsync(name: TelegramCommands.JournalRefused);
            Assert.Equal(["chat 99: /pause ignored (not a control chat)", "chat 99: /kill ignored (not a control chat)",
                "chat 99: /confirm ignored (not a control chat)"], refused.Select(e => e.Message));
        }
    }
}
