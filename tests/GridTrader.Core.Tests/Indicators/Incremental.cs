namespace GridTrader.Core.Tests.Indicators;

internal static class Incremental
{
    /// <summary>Feeds every input to an incremental indicator and collects its value after each one.</summary>
    public static double[] Values<T>(IEnumerable<T> inputs, Action<T> add, Func<double> value) =>
        [.. inputs.Select(x =>
        {
            add(x);
            return value();
        })];
}
