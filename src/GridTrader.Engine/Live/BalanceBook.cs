using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Live;

/// <summary>
/// Balances as last polled from the exchange, minus the holds of orders placed since that poll, so a burst of
/// placements between two polls cannot spend the same money twice.
/// </summary>
public sealed class BalanceBook : IAccountView
{
    private readonly Dictionary<string, Balance> _polled = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, decimal> _pendingHolds = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset? LastPoll { get; private set; }

    public IReadOnlyDictionary<string, Balance> Polled => _polled;

    public void Update(IEnumerable<Balance> balances, DateTimeOffset now)
    {
        _polled.Clear();
        foreach (var b in balances) _polled[b.Currency] = b;
        _pendingHolds.Clear();
        LastPoll = now;
    }

    /// <summary>Reserves funds for an order just sent (until the next poll shows the exchange's hold).</summary>
    public void Reserve(string currency, decimal amount) => _pendingHolds[currency] = _pendingHolds.GetValueOrDefault(currency) + amount;

    public decimal Total(string currency) => _polled.TryGetValue(currency, out var b) ? b.Total : 0m;

    public decimal Available(string currency) =>
        (_polled.TryGetValue(currency, out var b) ? b.Available : 0m) - _pendingHolds.GetValueOrDefault(currency);
}
