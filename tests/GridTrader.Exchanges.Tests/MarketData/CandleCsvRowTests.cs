using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.Exchanges.Tests.MarketData;

public class CandleCsvRowTests
{
    [Property(MaxTest = 1000)]
    public Property TryParseDecimal_AnyNonNegativeDecimalText_EqualsDecimalParseIncludingScale()
    {
        // Up to 24 digits with the point anywhere: covers the fast path (≤ 19 digits) and the fallback.
        var texts =
            from digits in Gen.Choose(1, 24)
            from chars in Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), digits)
            from point in Gen.Choose(0, digits)
            select point == digits ? new string(chars) : new string(chars).Insert(point, ".");

        return Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var expected = decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return CandleCsvRow.TryParseDecimal(Encoding.ASCII.GetBytes(text), out var actual)
                && actual == expected
                && actual.Scale == expected.Scale;
        });
    }

    [Theory]
    [InlineData("1.5e2", 150)]
    [InlineData("-0", 0)]
    public void TryParseDecimal_SignOrExponent_GoesThroughTheFallback(string text, double expected)
    {
        Assert.True(CandleCsvRow.TryParseDecimal(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("NaN")]
    public void TryParseDecimal_NotANumber_Fails(string text) =>
        Assert.False(CandleCsvRow.TryParseDecimal(Encoding.ASCII.GetBytes(text), out _));
}
