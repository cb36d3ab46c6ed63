namespace GridTrader.Core.Risk;

/// <summary>
/// Risk state that must survive a restart: the kill-switch (until a person resumes), the equity peak (so a
/// restart cannot reset the drawdown stop), paused markets, and open circuit breakers.
/// </summary>
public sealed record RiskState
{
    public bool KillSwitchEngaged { get; init; }
    public string? KillReason { get; init; }
    public DateTimeOffset? KilledAt { get; init; }
    public bool GloballyPaused { get; init; }
    public decimal PeakEquity { get; init; }
    public bool DrawdownTripped { get; init; }
    public IReadOnlySet<string> PausedMarkets { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlyDictionary<string, DateTimeOffset> OpenBreakers { get; init; } =
        new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
}
