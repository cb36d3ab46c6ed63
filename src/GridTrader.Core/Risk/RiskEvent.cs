namespace GridTrader.Core.Risk;

/// <summary>A risk state change worth logging, persisting and notifying.</summary>
public sealed record RiskEvent(string Name, string? Market, string Message, DateTimeOffset Time)
{
    public const string KillEngaged = "kill.engaged";
    public const string KillReleased = "kill.released";
    public const string CircuitTripped = "circuit.tripped";
    public const string CircuitReset = "circuit.reset";
    public const string DrawdownTripped = "drawdown.tripped";
    public const string MarketPaused = "market.paused";
    public const string MarketResumed = "market.resumed";
    public const string BotPaused = "bot.paused";
    public const string BotResumed = "bot.resumed";
}
