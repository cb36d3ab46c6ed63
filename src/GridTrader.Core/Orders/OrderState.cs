namespace GridTrader.Core.Orders;

/// <summary>
/// Lifecycle of an order. <see cref="Intent"/> is recorded before anything is sent, so a crash
/// between "decided" and "sent" is never a lost or duplicated order. <see cref="Unknown"/> means the
/// answer to a create was lost; reconciliation resolves it. <see cref="Released"/> means the order was left resting on the
/// exchange when its market stopped being traded: it is no longer the bot's (foreign, reported, untouched).
/// </summary>
public enum OrderState
{
    Intent = 0,
    Submitting = 1,
    Open = 2,
    PartiallyFilled = 3,
    Filled = 4,
    Cancelled = 5,
    Expired = 6,
    Rejected = 7,
    Unknown = 8,
    Released = 9,
}

public static class OrderStateExtensions
{
    public static bool IsFinal(this OrderState state) =>
        state is OrderState.Filled or OrderState.Cancelled or OrderState.Expired or OrderState.Rejected or OrderState.Released;

    /// <summary>True while the order may still rest on (or be sent to) the exchange.</summary>
    public static bool IsLive(this OrderState state) => !state.IsFinal();

    /// <summary>The closed set of legal transitions.</summary>
    public static bool CanTransitionTo(this OrderState from, OrderState to) => (from, to) switch
    {
        (OrderState.Intent, OrderState.Submitting or OrderState.Cancelled or OrderState.Rejected) => true,
        (OrderState.Submitting, OrderState.Open or OrderState.PartiallyFilled or OrderState.Filled
            or OrderState.Rejected or OrderState.Unknown or OrderState.Cancelled or OrderState.Expired) => true,
        (OrderState.Unknown, OrderState.Open or OrderState.PartiallyFilled or OrderState.Filled
            or OrderState.Cancelled or OrderState.Expired or OrderState.Rejected) => true,
        (OrderState.Open, OrderState.PartiallyFilled or OrderState.Filled or OrderState.Cancelled or OrderState.Expired or OrderState.Released) => true,
        (OrderState.PartiallyFilled, OrderState.PartiallyFilled or OrderState.Filled or OrderState.Cancelled or OrderState.Expired
            or OrderState.Released) => true,
        _ => false,
    };
}
