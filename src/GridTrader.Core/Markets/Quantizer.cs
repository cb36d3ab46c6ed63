namespace GridTrader.Core.Markets;

/// <summary>The one place where prices and amounts are cut to a market's precision.</summary>
public static class Quantizer
{
    private static readonly decimal[] Steps = BuildSteps();

    private static decimal[] BuildSteps()
    {
        var steps = new decimal[19];
        var step = 1m;
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = step;
            step /= 10m;
        }

        return steps;
    }

    public static decimal Step(int decimals) => Steps[decimals];

    /// <summary>Rounds toward negative infinity at <paramref name="decimals"/> places.</summary>
    public static decimal Floor(decimal value, int decimals) =>
        decimal.Round(value, decimals, MidpointRounding.ToNegativeInfinity);

    /// <summary>Rounds toward positive infinity at <paramref name="decimals"/> places.</summary>
    public static decimal Ceiling(decimal value, int decimals) =>
        decimal.Round(value, decimals, MidpointRounding.ToPositiveInfinity);

    /// <summary>Rounds toward zero at <paramref name="decimals"/> places.</summary>
    public static decimal TowardZero(decimal value, int decimals) =>
        decimal.Round(value, decimals, MidpointRounding.ToZero);
}
