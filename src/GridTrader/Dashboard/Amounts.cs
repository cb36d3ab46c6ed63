namespace GridTrader.Dashboard;

/// <summary>
/// Money in API answers: eight decimals, as much as any price, amount or fee on Firi carries. Engine arithmetic gives
/// more digits than a JSON reader (a browser's double) keeps; rounding once here keeps what the page shows equal to
/// what the API says.
/// </summary>
internal static class Amounts
{
    public const int Decimals = 8;

    public static decimal Round(decimal value) => Math.Round(value, Decimals);
}
