using GridTrader.Control;
using GridTrader.Engine.Live;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Integration.Tests.Control;

/// <summary>The command rules that depend on time, on a fake clock: a <c>/kill</c> waits a minute for its <c>/confirm</c>.</summary>
public sealed class TelegramCommandsTests
{
    [Fact]
    public async Task Confirm_MoreThanAMinuteAfterKill_DoesNotEngageTheKillSwitch()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var bot = new RecordingBot();
        var commands = new TelegramCommands(bot, new HashSet<long> { 42 }, time);

        await commands.HandleAsync(42, "/kill", CancellationToken.None);
        time.Advance(TelegramCommands.ConfirmWindow + TimeSpan.FromSeconds(1));
        var reply = await commands.HandleAsync(42, "/confirm", CancellationToken.None);

        Assert.StartsWith("Nothing to confirm", reply, StringComparison.Ordinal);
        Assert.Empty(bot.Sent);
    }

    [Fact]
    public async Task Confirm_WithinAMinuteOfKill_SendsOneKillCommand()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var bot = new RecordingBot();
        var commands = new TelegramCommands(bot, new HashSet<long> { 42 }, time);

        await commands.HandleAsync(42, "/kill@GridTraderBot", CancellationToken.None);
        time.Advance(TelegramCommands.ConfirmWindow - TimeSpan.FromSeconds(1));
        await commands.HandleAsync(42, "/confirm", CancellationToken.None);
        var again = await commands.HandleAsync(42, "/confirm", CancellationToken.None);

        Assert.IsType<KillCommand>(Assert.Single(bot.Sent));
        Assert.StartsWith("Nothing to confirm", again, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/status", "/status", null)]
    [InlineData("  /Pause   BTCNOK ", "/pause", "BTCNOK")]
    [InlineData("/orders@GridTraderBot", "/orders", null)]
    [InlineData("hello", null, null)]
    public void Parse_MessageText_GivesCommandAndArgument(string text, string? command, string? argument)
    {
        Assert.Equal((command, argument), TelegramCommands.Parse(text));
    }

    /// <summary>The engine side, recording what it is asked to do.</summary>
    private sealed class RecordingBot : IBotControl
    {
        public List<EngineCommand> Sent { get; } = [];

        public EngineSnapshot? Snapshot => null;

        public Task<string> SendAsync(EngineCommand command, CancellationToken ct)
        {
            Sent.Add(command);
            return Task.FromResult("done");
        }

        public Task JournalAsync(string name, string? market, string message, CancellationToken ct) => Task.CompletedTask;
    }
}
