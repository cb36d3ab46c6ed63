using GridTrader.Tests.Shared;

namespace GridTrader.Exchanges.Tests.MarketData;

/// <summary>A fact that needs a file of the full candle collection; skipped, saying why, when it is absent.</summary>
public sealed class FullDataFactAttribute : FactAttribute
{
    public FullDataFactAttribute(string fileName)
    {
        if (TestRepository.FullData(fileName) is null)
            Skip = $"{fileName} is not on this machine: set GRIDTRADER_FULL_DATA to the folder of the full candle files. The shipped data/ slices cover the same checks.";
    }
}
