using System.Globalization;

namespace GridTrader.Core.Grid;

/// <summary>
/// The fee floor, the one home of the rule that a grid must earn its fees: one round trip pays the fee twice (buy and
/// sell), so its move must be at least <c>2 × fee + margin</c> percent. A round trip moves one spacing with
/// <see cref="ExitPolicy.NextLevel"/> and <c>spacing × TakeProfitMultiplier</c> with <see cref="ExitPolicy.TakeProfit"/>.
/// The config validator, the planner (and so <c>plan</c>, backtest, paper and live) and <c>sweep</c> all ask this type.
/// </summary>
public readonly record struct FeeFloor(decimal FeeRate, decimal MarginPct, decimal ExitFactor)
{
    /// <summary>The floor of a grid's settings.</summary>
    public static FeeFloor Of(GridSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var exitFactor = settings.ExitPolicy == ExitPolicy.TakeProfit ? settings.TakeProfitMultiplier : 1m;
        return new FeeFloor(settings.FeeRate, settings.MinProfitMarginPct, exitFactor);
    }

    /// <summary>The two fees of one round trip, in percent.</summary>
    public decimal RoundTripFeesPct => 2m * FeeRate * 100m;

    /// <summary><c>2 × fee + margin</c> in percent: the least a round trip must move.</summary>
    public decimal BreakEvenPct => RoundTripFeesPct + MarginPct;

    /// <summary>How far one round trip moves, in percent, at <paramref name="spacingPct"/>.</summary>
    public decimal RoundTripPct(decimal spacingPct) => spacingPct * ExitFactor;

    /// <summary>True when a grid at <paramref name="spacingPct"/> earns at least its fees and the margin per round trip.</summary>
    public bool IsMetBy(decimal spacingPct) => RoundTripPct(spacingPct) >= BreakEvenPct;

    /// <summary>Why <paramref name="spacingPct"/> falls short, in the words every caller shows; null when it does not.</summary>
    public string? Shortfall(decimal spacingPct)
    {
        if (IsMetBy(spacingPct)) return null;
        var c = CultureInfo.InvariantCulture;
        return string.Create(c,
            $"{RoundTripPct(spacingPct):0.###}% per round trip is below 2 × fee ({RoundTripFeesPct:0.###}%) + margin ({MarginPct:0.###}%) = " +
            $"{BreakEvenPct:0.###}%: round trips would lose money after fees");
    }
}
