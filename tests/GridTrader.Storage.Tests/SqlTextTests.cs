using GridTrader.Storage.Sql;

namespace GridTrader.Storage.Tests;

public sealed class SqlTextTests
{
    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("100", "100")]
    [InlineData("100.000", "100")]
    [InlineData("0.000", "0")]
    [InlineData("0.00012345000", "0.00012345")]
    [InlineData("-2.10", "-2.1")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000010", "0.000000000000000000000000001")]
    public void CanonicalDecimal_TrailingZeros_AreRemovedWithoutExponent(string input, string expected) =>
        Assert.Equal(expected, SqlText.CanonicalDecimal(SqlText.ParseDecimal(input)));

    [Theory]
    [InlineData("0.00012345")]
    [InlineData("925000.00")]
    [InlineData("-0.5")]
    [InlineData("79228162514264337593543950335")]
    public void Decimal_RoundTrip_KeepsValueAndScale(string text) =>
        Assert.Equal(text, SqlText.Decimal(SqlText.ParseDecimal(text)));

    [Fact]
    public void Time_AnyOffset_StoresUtcExactToTheTickAndSortsAsText()
    {
        var local = new DateTimeOffset(2026, 3, 1, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1);
        var later = local.AddTicks(1);

        var text = SqlText.Time(local);

        Assert.Equal("2026-03-01T12:00:00.0000001Z", text);
        Assert.Equal(local, SqlText.ParseTime(text));
        Assert.Equal(TimeSpan.Zero, SqlText.ParseTime(text).Offset);
        Assert.True(string.CompareOrdinal(text, SqlText.Time(later)) < 0);
    }
}
