using System.Text.Json;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Orders;

public class ExchangeOrderTests
{
    // Firi order ids exceed 32 bits; this one is not even exact in a double (2^53 + 1).
    private static readonly ExchangeOrder PartlyFilled = new(9_007_199_254_740_993, TestMarkets.Symbol, Side.Sell, 1020.5m, 0.12345678m,
        Matched: 0.02345678m, Remaining: 0.1m, Cancelled: 0m, TestMarkets.Start.AddMinutes(3));

    [Fact]
    [Trait("Original", "order serialization")]
    public void Json_RoundTrip_KeepsEveryFieldExactly()
    {
        var json = JsonSerializer.Serialize(PartlyFilled);

        var back = JsonSerializer.Deserialize<ExchangeOrder>(json);

        Assert.Equal(PartlyFilled, back);
        Assert.Contains("9007199254740993", json, StringComparison.Ordinal);
    }

    [Fact]
    public void IsConsistent_PartsAddUpToTheAmount_OnlyThen()
    {
        Assert.True(PartlyFilled.IsConsistent);
        Assert.False((PartlyFilled with { Remaining = 0.2m }).IsConsistent);
        Assert.False((PartlyFilled with { Id = 0 }).IsConsistent);
    }

    [Fact]
    public void IsClosed_NothingRemaining_EvenIfPartlyCancelled()
    {
        Assert.False(PartlyFilled.IsClosed);
        Assert.True((PartlyFilled with { Remaining = 0m, Cancelled = 0.1m }).IsClosed);
    }
}
