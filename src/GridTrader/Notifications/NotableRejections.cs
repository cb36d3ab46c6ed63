using GridTrader.Core.Risk;

namespace GridTrader.Notifications;

/// <summary>
/// Risk rejections an operator must hear about: they stop trading or mean money is missing. The rest (below minimum,
/// bot not running yet, spread too wide…) are routine and only logged.
/// </summary>
public static class NotableRejections
{
    public static bool IsNotable(RiskDecision decision) => decision.Reason is RiskReason.DrawdownStop or RiskReason.CircuitBreaker
        or RiskReason.InsufficientBalance or RiskReason.KillSwitch;
}
