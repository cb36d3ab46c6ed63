namespace GridTrader.Core.Risk;

/// <summary>Machine-readable reason a risk check rejected an order. Stable: used in logs, the API and the dashboard.</summary>
public enum RiskReason
{
    KillSwitch,
    BotNotRunning,
    BotPaused,
    MarketPaused,
    CircuitBreaker,
    NoMarketData,
    SpreadTooWide,
    SlippageTooHigh,
    InvalidOrder,
    BelowMinimumAmount,
    BelowMinimumValue,
    AboveMaximumValue,
    MarketCapExceeded,
    TotalExposureExceeded,
    InsufficientBalance,
    DrawdownStop,
}

/// <summary>Outcome of the risk pipeline for one order: approved, or rejected with a code and a human message.</summary>
public readonly record struct RiskDecision(bool IsApproved, RiskReason? Reason, string Message)
{
    public static RiskDecision Approved { get; } = new(true, null, "approved");

    public static RiskDecision Reject(RiskReason reason, string message) => new(false, reason, message);

    /// <summary>Reason code as used in logs and JSON (kebab-case).</summary>
    public string Code => Reason is { } r ? RiskReasonCodes.ToCode(r) : "approved";

    public override string ToString() => IsApproved ? "approved" : $"{Code}: {Message}";
}

public static class RiskReasonCodes
{
    public static string ToCode(RiskReason reason) => reason switch
    {
        RiskReason.KillSwitch => "kill-switch",
        RiskReason.BotNotRunning => "bot-not-running",
        RiskReason.BotPaused => "bot-paused",
        RiskReason.MarketPaused => "market-paused",
        RiskReason.CircuitBreaker => "circuit-breaker",
        RiskReason.NoMarketData => "no-market-data",
        RiskReason.SpreadTooWide => "spread-too-wide",
        RiskReason.SlippageTooHigh => "slippage-too-high",
        RiskReason.InvalidOrder => "invalid-order",
        RiskReason.BelowMinimumAmount => "below-minimum-amount",
        RiskReason.BelowMinimumValue => "below-minimum-value",
        RiskReason.AboveMaximumValue => "above-maximum-value",
        RiskReason.MarketCapExceeded => "market-cap-exceeded",
        RiskReason.TotalExposureExceeded => "total-exposure-exceeded",
        RiskReason.InsufficientBalance => "insufficient-balance",
        RiskReason.DrawdownStop => "drawdown-stop",
        _ => reason.ToString(),
    };
}
