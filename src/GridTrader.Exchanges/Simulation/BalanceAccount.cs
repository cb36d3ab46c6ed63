using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Simulation;

/// <summary>One currency's balance; orders keep a reference so fills need no lookup.</summary>
internal sealed class BalanceAccount(string currency)
{
    public string Currency { get; } = currency;

    public decimal Total;

    /// <summary>Reserved by open orders; never above <see cref="Total"/>.</summary>
    public decimal Hold;

    public decimal Available => Total - Hold;

    public Balance ToBalance() => new(Currency, Total, Hold, Total - Hold);
}
