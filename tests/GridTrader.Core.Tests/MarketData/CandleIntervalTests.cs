using GridTrader.Core.MarketData;

namespace GridTrader.Core.Tests.MarketData;

public sealed class CandleIntervalTests
{
    [Theory]
    [InlineData(1L, "1ms")]
    [InlineData(30_000L, "30s")]
    [InlineData(60_000L, "1m")]
    [InlineData(90L * 60_000, "90m")]
    [InlineData(4L * 3_600_000, "4h")]
    [InlineData(36L * 3_600_000, "36h")]
    [InlineData(86_400_000L, "1d")]
    public void Format_AnyInterval_LargestWholeUnitAndNeverZero(long milliseconds, string expected) =>
        Assert.Equal(expected, CandleInterval.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(1L, false)]
    [InlineData(30_000L, false)]
    [InlineData(90_000L, false)]
    [InlineData(60_000L, true)]
    [InlineData(300_000L, true)]
    [InlineData(86_400_000L, true)]
    public void IsSupported_WholeMinutesOnly(long milliseconds, bool supported) =>
        Assert.Equal(supported, CandleInterval.IsSupported(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("1ms")]
    [InlineData("0m")]
    [InlineData("1s")]
    public void TryParse_BelowAMinute_Refused(string text) => Assert.False(CandleInterval.TryParse(text, out _));
}
