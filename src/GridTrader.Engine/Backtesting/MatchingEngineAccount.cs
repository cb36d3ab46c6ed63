using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Engine.Backtesting;

/// <summary>Balances straight from the matching engine (holds included), read without building balance objects.</summary>
internal sealed class MatchingEngineAccount(MatchingEngine engine) : IAccountView
{
    public decimal Total(string currency) => engine.GetTotal(currency);

    public decimal Available(string currency) => engine.GetAmounts(currency).Available;
}
