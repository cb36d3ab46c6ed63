using GridTrader.Configuration;
using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Logging;
using GridTrader.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Integration.Tests.Notifications;

public sealed class NotificationObserverTests
{
    private static readonly DateTimeOffset T0 = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly NotificationOutbox _queue = new();

    private IEngineObserver Observer(SecretRedactor? redactor = null) => new NotificationObserver(_queue, _time, redactor);

    private List<string> Texts()
    {
        var texts = new List<string>();
        while (_queue.Reader.TryRead(out var n)) texts.Add(n.Text);
        return texts;
    }

    private static PlaceOrderAction Place() => new("BTCNOK", Side.Buy, 650_000m, 0.0015m, 3, 1, 1, "grid");

    [Fact]
    public void Observer_SellFill_ToldWithFeeAndRealizedPnl()
    {
        Observer().OnFill(new Fill(7, "BTCNOK", "BTC", "NOK", Side.Sell, 651_000m, 0.00150000m, 4.8825m, "NOK", T0, 4), 12.3456m);

        Assert.Equal(["BTCNOK sell 0.0015 BTC @ 651000 filled, fee 4.8825 NOK, realized P&L +12.35 NOK"], Texts());
    }

    [Fact]
    public void Observer_RoutineRejection_IsNotTold()
    {
        var observer = Observer();
        observer.OnPlacementRejected(Place(), RiskDecision.Reject(RiskReason.BelowMinimumValue, "below 50 NOK"));
        observer.OnPlacementRejected(Place(), RiskDecision.Reject(RiskReason.BotNotRunning, "starting"));

        Assert.Empty(Texts());
    }

    [Fact]
    public void Observer_RepeatedNotableRejection_ToldOncePerWindowThenWithTheCount()
    {
        var observer = Observer();
        var decision = RiskDecision.Reject(RiskReason.InsufficientBalance, "needs 975 NOK");
        for (var i = 0; i < 5; i++)
        {
            observer.OnPlacementRejected(Place(), decision);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        observer.OnPlacementRejected(Place(), RiskDecision.Reject(RiskReason.CircuitBreaker, "tripped"));
        _time.Advance(NotificationObserver.RepeatWindow);
        observer.OnPlacementRejected(Place(), decision);

        var texts = Texts();
        Assert.Equal(3, texts.Count);
        Assert.Equal("BTCNOK buy 0.0015 @ 650000 rejected: insufficient-balance: needs 975 NOK", texts[0]);
        Assert.Contains("circuit-breaker", texts[1], StringComparison.Ordinal);
        Assert.EndsWith("(and 4 more like it since the last message)", texts[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Observer_RepeatedExchangeError_ToldOncePerWindow()
    {
        var observer = Observer();
        for (var i = 0; i < 3; i++)
            observer.OnExchangeError("get-order", "BTCNOK", new ExchangeError(ExchangeErrorKind.ServerError, "bad gateway", 502));
        observer.OnExchangeError("get-order", "BTCNOK", new ExchangeError(ExchangeErrorKind.Timeout, "no answer"));

        Assert.Equal(["Exchange error during get-order on BTCNOK: ServerError (HTTP 502): bad gateway",
            "Exchange error during get-order on BTCNOK: Timeout: no answer"], Texts());
    }

    [Fact]
    public void Observer_RiskEventsHaltAndReconciliation_AreToldAndNoticesAreNot()
    {
        var observer = Observer();
        observer.OnRiskEvent(new RiskEvent(RiskEvent.KillEngaged, null, "manual", T0));
        observer.OnRiskEvent(new RiskEvent(RiskEvent.CircuitTripped, "BTCNOK", "5 errors in 60 s", T0));
        observer.OnBotState(new BotStateTransition(BotState.Running, BotState.Halted, "kill-switch", T0));
        observer.OnBotState(new BotStateTransition(BotState.Starting, BotState.Running, "reconciled", T0));
        observer.OnReconciliation("BTCNOK", "foreign", "order 991 is not ours");
        observer.OnReconciliation("BTCNOK", "execution-price", "Order #23: 0.1 filled at 990 (limit 1000), from the trade history.");
        observer.OnNotice(new StrategyNotice("BTCNOK", StrategyNotice.TrendChanged, "up"));

        Assert.Equal(
        [
            "KILL-SWITCH ENGAGED (*): manual",
            "CIRCUIT BREAKER TRIPPED (BTCNOK): 5 errors in 60 s",
            "BOT HALTED (was Running): kill-switch",
            "Reconciliation on BTCNOK, foreign: order 991 is not ours",
        ], Texts());
    }

    [Fact]
    public void Observer_TextWithASecret_IsMaskedBeforeItIsQueued()
    {
        var secrets = Logging.SecretRedactionTests.TestSecrets;
        Observer(new SecretRedactor(secrets.Values()))
            .OnExchangeError("place", "BTCNOK", new ExchangeError(ExchangeErrorKind.Unauthorized, $"key {secrets.FiriApiKey} unknown", 401));

        var text = Assert.Single(Texts());
        Assert.DoesNotContain(secrets.FiriApiKey!, text, StringComparison.Ordinal);
        Assert.Contains("key *** unknown", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipeline_ChannelEnabledWithoutItsSecret_StaysOffAndSaysWhy()
    {
        using var http = new HttpClient();
        var logs = new CapturingLoggerProvider();
        using var loggers = logs.CreateFactory();
        var options = new NotificationOptions();
        options.Telegram.Enabled = true;
        options.Telegram.ChatId = "42";
        options.Discord.Enabled = true;

        var pipeline = NotificationPipeline.Create(options, new Secrets(), http, _time, loggers);

        Assert.False(pipeline.IsEnabled);
        Assert.Same(NullEngineObserver.Instance, pipeline.Observer);
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Name == LogEventNames.NotifyDisabled));
    }

    [Fact]
    public void Pipeline_BothChannelsConfigured_BuildsBoth()
    {
        using var http = new HttpClient();
        using var loggers = new CapturingLoggerProvider().CreateFactory();
        var options = new NotificationOptions();
        options.Telegram.Enabled = true;
        options.Telegram.ChatId = "-1001234567890";
        options.Telegram.BaseUrl = "http://127.0.0.1:9";
        options.Discord.Enabled = true;

        var pipeline = NotificationPipeline.Create(options, Logging.SecretRedactionTests.TestSecrets, http, _time, loggers);

        Assert.Equal(["telegram", "discord"], pipeline.Notifiers.Select(n => n.Name));
        Assert.IsType<NotificationObserver>(pipeline.Observer);
    }

    [Fact]
    public void TelegramNotifier_MalformedToken_ErrorDoesNotShowTheToken()
    {
        using var http = new HttpClient();
        const string token = "not-a-valid-token-0123456789";

        var error = Assert.ThrowsAny<ArgumentException>(() => new TelegramNotifier(token, "42", "http://127.0.0.1:9", http, _time));

        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }
}
