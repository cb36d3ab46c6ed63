namespace GridTrader.Exchanges.Simulation;

public sealed partial class MatchingEngine
{
    /// <summary>Executions so far: changes whenever a fill happens, so an owner can tell whether a price move filled anything.</summary>
    public long TradeCount => _tradeCount;

    /// <summary>The account as data (see <see cref="MatchingAccountState"/>); nothing is changed.</summary>
    public MatchingAccountState ExportAccount()
    {
        var balances = new List<AccountBalanceState>(_balances.Count);
        foreach (var account in _balances.Values) balances.Add(new AccountBalanceState(account.Currency, account.Total, account.Hold));
        balances.Sort(static (a, b) => string.CompareOrdinal(a.Currency, b.Currency));

        var open = OpenOrders(null);
        open.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var closed = new List<AccountOrderState>(_closedHistory.Count);
        for (var age = _closedHistory.Count - 1; age >= 0; age--) closed.Add(ToState(_closedHistory.Newest(age)));
        var trades = new List<AccountTradeState>(_accountTrades.Count);
        for (var age = _accountTrades.Count - 1; age >= 0; age--)
        {
            var (number, f) = _accountTrades.Newest(age);
            trades.Add(new AccountTradeState(number, f.OrderId, f.Market, f.Side, f.Price, f.Amount, f.Fee, f.FeeCurrency, f.IsMaker, f.Time,
                f.Matched, f.Remaining));
        }

        return new MatchingAccountState
        {
            NextOrderId = _nextOrderId,
            TradeCount = _tradeCount,
            Balances = balances,
            OpenOrders = open.ConvertAll(ToState),
            ClosedOrders = closed,
            Trades = trades,
        };
    }

    /// <summary>
    /// Puts a saved account back into an engine that has its markets registered and has not traded yet: balances and
    /// holds as saved, open orders resting again in their original time priority, closed orders and executions
    /// retrievable, ids continuing where they stopped. No price is set: the first move after this sets it (and fills
    /// whatever it crosses, as any move does).
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine already has orders or executions.</exception>
    /// <exception cref="ArgumentException">The state names a market that is not registered.</exception>
    public void RestoreAccount(MatchingAccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_orders.Count > 0 || _tradeCount > 0) throw new InvalidOperationException("Restore an account only into an engine that has not traded.");
        foreach (var order in state.OpenOrders.Concat(state.ClosedOrders))
        {
            if (!_markets.ContainsKey(order.Market))
                throw new ArgumentException($"The saved account has orders on {order.Market}, which is not registered.", nameof(state));
        }

        foreach (var balance in state.Balances)
        {
            var account = Account(balance.Currency);
            account.Total = balance.Total;
            account.Hold = balance.Hold;
        }

        var maxId = 0L;
        foreach (var saved in state.ClosedOrders)
        {
            var order = FromState(saved);
            _orders[order.Id] = order;
            if (_closedHistory.Add(order, out var evicted)) _orders.Remove(evicted.Id);
            maxId = Math.Max(maxId, order.Id);
        }

        foreach (var saved in state.OpenOrders.OrderBy(o => o.Id))
        {
            var order = FromState(saved);
            _orders[order.Id] = order;
            _openCount++;
            (order.Side == Core.Markets.Side.Buy ? order.Market.Bids : order.Market.Asks).Add(order);
            maxId = Math.Max(maxId, order.Id);
        }

        foreach (var t in state.Trades)
        {
            _accountTrades.Add((t.Number, new SimFill(t.OrderId, t.Market, t.Side, t.Price, t.Amount, t.Fee, t.FeeCurrency, t.IsMaker, t.Time,
                t.Matched, t.Remaining)));
        }

        _tradeCount = Math.Max(state.TradeCount, state.Trades.Count > 0 ? state.Trades[^1].Number : 0);
        _nextOrderId = Math.Max(state.NextOrderId, maxId + 1);
    }

    private static AccountOrderState ToState(SimOrder o) =>
        new(o.Id, o.Market.Info.Symbol, o.Side, o.Price, o.Amount, o.CreatedAt, o.Matched, o.Remaining, o.Cancelled, o.HoldRemaining, o.HoldPerUnit);

    private SimOrder FromState(AccountOrderState s) =>
        new(s.Id, _markets[s.Market], s.Side, s.Price, s.Amount, s.CreatedAt)
        {
            Matched = s.Matched,
            Remaining = s.Remaining,
            Cancelled = s.Cancelled,
            HoldRemaining = s.HoldRemaining,
            HoldPerUnit = s.HoldPerUnit,
        };
}
