using System.Globalization;
using GridTrader.Core.Grid;

namespace GridTrader.Core.Strategy;

/// <summary>
/// Moves of the whole grid: planning it, rebuilding or trailing it when the price leaves its band, and stopping it.
/// Each move starts by persisting its phase (the engine saves the strategy's state with the move's notice) and cancels
/// what rests before anything new is placed, so a restart at any point finishes the move (the engine's restorer writes
/// the cancels of a Rebuilding or Stopped grid again).
/// </summary>
public sealed partial class GridStrategy
{
    /// <summary>
    /// Stops the market with <paramref name="reason"/> (a rule such as the loss limit, or a person): cancels its orders
    /// and, with <see cref="GridSettings.SellOnStop"/>, sells what the grid holds once they are gone. It stays stopped,
    /// across restarts, until <see cref="Resume"/>.
    /// </summary>
    public IReadOnlyList<StrategyAction> Stop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _actions.Clear();
        if (Phase != GridPhase.Stopped) BeginStop(reason);
        return _actions;
    }

    /// <summary>
    /// The market's P&amp;L (quote currency) when a person last resumed it. The loss limit counts from here: the loss that
    /// stopped the market was accepted by resuming it, and must not stop the new grid again at its first price.
    /// </summary>
    public decimal LossBaseline { get; private set; }

    /// <summary>
    /// A person resumes a stopped market: its grid is planned anew around the price, with the coins it still holds.
    /// <paramref name="pnlNow"/>, the market's P&amp;L at this moment, becomes the <see cref="LossBaseline"/>.
    /// </summary>
    public IReadOnlyList<StrategyAction> Resume(string reason, decimal? pnlNow = null)
    {
        _actions.Clear();
        if (Phase != GridPhase.Stopped) return _actions;
        StopReason = null;
        if (pnlNow is { } pnl) LossBaseline = pnl;
        Notice(StrategyNotice.GridResumed, $"{Market.Symbol} resumed: {reason}.");
        if (Plan is null)
        {
            Phase = GridPhase.WarmingUp;
            if (LastPrice > 0 && IsWarm) PlanAt(LastPrice);
        }
        else
        {
            BeginRebuild($"resumed after a stop ({reason})");
        }

        return _actions;
    }

    /// <summary>The stop a price reaches: the grid's stop-loss or take-profit price; null when neither.</summary>
    private string? StopTriggeredAt(decimal price) =>
        Settings.StopLossPrice is { } stop && price <= stop
            ? string.Create(CultureInfo.InvariantCulture, $"stop-loss: price {price} at or below {stop}")
            : Settings.TakeProfitPrice is { } target && price >= target
                ? string.Create(CultureInfo.InvariantCulture, $"take-profit: price {price} at or above {target}")
                : null;

    private void BeginStop(string reason)
    {
        Phase = GridPhase.Stopped;
        StopReason = reason;
        Notice(StrategyNotice.GridStopped, Settings.SellOnStop && TotalHeld > 0
            ? $"{Market.Symbol} stopped: {reason}. Orders cancelled; the {TotalHeld} {Market.BaseCurrency} held are sold. Resume the market to trade again."
            : $"{Market.Symbol} stopped: {reason}. Orders cancelled. Resume the market to trade again.");
        foreach (var (orderId, line) in _orderLine)
        {
            if (line != ExitLevel) _actions.Add(new CancelOrderAction(Market.Symbol, orderId, Orders.CancelReasons.Stop));
        }

        ContinueStop(LastPrice);
    }

    /// <summary>
    /// While stopped: once every grid order is gone, the coins the grid holds go in one sell priced just under the market
    /// (<see cref="GridSettings.ExitSlippagePct"/>), again whenever it closes unfilled, until they are sold. An exit the
    /// price has fallen away from (below its limit by more than the slippage) would rest unsold in the very crash a stop
    /// is for: it is cancelled, and the next one is priced at the market again.
    /// </summary>
    private void ContinueStop(decimal price)
    {
        if (!Settings.SellOnStop || Plan is null || price <= 0) return;
        var exit = _slots[ExitLevel];
        if (exit.OrderId > 0 && exit.Side == Markets.Side.Sell && !exit.CancelRequested && exit.Price > 0
            && price < exit.Price * (1 - Settings.ExitSlippagePct / 100m))
        {
            _slots[ExitLevel] = exit with { CancelRequested = true };
            _actions.Add(new CancelOrderAction(Market.Symbol, exit.OrderId, Orders.CancelReasons.Stop));
            return;
        }

        if (exit.OrderId != 0 || _orderLine.Count > 0) return;
        var amount = Market.RoundAmount(TotalHeld);
        var exitPrice = Market.RoundPrice(price * (1 - Settings.ExitSlippagePct / 100m), Markets.Side.Buy);
        if (amount <= 0 || !Market.MeetsMinimum(exitPrice, amount) || !Ready(ExitLevel, _time.GetUtcNow())) return;
        Place(Markets.Side.Sell, exitPrice, amount, ExitLevel, _book.Count, "exit after stop", exit: true);
    }

    /// <summary>Returns true when the grid is being rebuilt.</summary>
    private bool CheckBand(decimal price)
    {
        var above = price > _lines[^1];
        var below = price < _lines[0];
        if (!above && !below)
        {
            OutOfBandNoticed = false;
            return false;
        }

        var follow = Settings.Recenter == RecenterPolicy.Rebuild
                     || (Settings.Recenter == RecenterPolicy.Trail && (above ? Settings.TrailUp : Settings.TrailDown));
        var bound = above ? Settings.TrailCeiling : Settings.TrailFloor;
        var beyondBound = bound is { } limit && (above ? price > limit : price < limit);
        if (follow && !beyondBound)
        {
            BeginRebuild($"price {price} left the band [{_lines[0]}, {_lines[^1]}] {(above ? "upward" : "downward")}");
            return true;
        }

        if (!OutOfBandNoticed)
        {
            OutOfBandNoticed = true;
            var why = beyondBound
                ? $"beyond {(above ? "TrailCeiling" : "TrailFloor")} {bound}"
                : $"policy {Settings.Recenter}{(Settings.Recenter == RecenterPolicy.Trail ? $" ({(above ? "TrailUp" : "TrailDown")} off)" : "")}";
            Notice(StrategyNotice.OutOfBand, $"Price {price} is {(above ? "above" : "below")} the grid [{_lines[0]}, {_lines[^1]}]; {why}: waiting.");
        }

        return false;
    }

    private void BeginRebuild(string reason)
    {
        Phase = GridPhase.Rebuilding;
        Notice(StrategyNotice.Recentering, $"Rebuilding the grid: {reason}.");
        foreach (var (orderId, _) in _orderLine)
            _actions.Add(new CancelOrderAction(Market.Symbol, orderId, Orders.CancelReasons.Rebuild));
        if (_orderLine.Count == 0) PlanAt(LastPrice);
    }

    private void PlanAt(decimal price)
    {
        // A new grid carries the coins the old one held, at what they cost; the first grid starts from the account's base.
        var inventory = Plan is null ? InitialBaseInventory : TotalHeld;
        var carriedCost = Plan is null ? 0m : _book.TotalCost;
        decimal? atr = _atr.IsReady ? (decimal)_atr.Value : null;
        var result = GridPlanner.Plan(Settings, Market, price, atr, CapitalQuote, inventory);
        if (!result.IsSuccess)
        {
            // Not a stop: the cause may pass (a balance read as zero at start, an outlier price), so try again later.
            Phase = GridPhase.Waiting;
            LastPlanError = string.Join(" ", result.Errors);
            _planFailures++;
            var wait = TimeSpan.FromTicks(Math.Min(PlanRetryMax.Ticks, PlanRetryBase.Ticks << Math.Min(_planFailures - 1, 20)));
            _nextPlanAttempt = _time.GetUtcNow() + wait;
            Notice(StrategyNotice.GridPlanFailed, string.Create(CultureInfo.InvariantCulture,
                $"{LastPlanError} Retrying in {wait.TotalMinutes:0} min (attempt {_planFailures})."));
            return;
        }

        _planFailures = 0;
        var plan = result.Plan!;
        if (Plan is not null) Epoch++;
        Install(plan);
        _book.Carry(plan.Cells.Count, plan.InitialHeld, carriedCost);
        Phase = GridPhase.Active;
        LastPlanError = null;
        OutOfBandNoticed = false;
        Notice(StrategyNotice.GridPlanned, string.Create(CultureInfo.InvariantCulture,
            $"Grid #{Epoch} around {price}: {Settings.Levels} levels {plan.LowerBound}–{plan.UpperBound}, spacing {plan.SpacingPct:0.###}%, net {plan.NetProfitPerRoundTripPct:0.###}% per round trip."));
        UpdateBand(price);
        Reconcile(price);
    }

    /// <summary>Installs a plan's lines with every line free (one extra slot above them for a stopped grid's exit sell).</summary>
    private void Install(GridPlan plan)
    {
        Plan = plan;
        _lines = [.. plan.Lines];
        _slots = new LineSlot[_lines.Length + 1];
        _cooldownUntil = new DateTimeOffset[_lines.Length + 1];
        _orderLine.Clear();
        _openBuyValue = 0m;
        _nextRetry = DateTimeOffset.MaxValue;
        _bandLow = decimal.MaxValue;
        _bandHigh = decimal.MinValue;
        _bucketBetweenLines = false;
    }
}
