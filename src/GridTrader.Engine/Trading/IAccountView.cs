namespace GridTrader.Engine.Trading;

/// <summary>The account's balances as the exchange holds them (total, and available after holds).</summary>
public interface IAccountView
{
    decimal Total(string currency);

    decimal Available(string currency);
}
