using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.Exchanges.Tests.Firi;

public class FiriFormatTests
{
    [Theory]
    [InlineData("334803.0600000000000000", "334803.06")]
    [InlineData("0.00044521", "0.00044521")]
    [InlineData("-0.57", "-0.57")]
    [InlineData("0", "0")]
    [InlineData("1E-8", "0.00000001")]
    [InlineData("822000.0000000000000000", "822000")]
    public void ParseDecimal_FirisNumberStrings_ParsesInvariant(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FiriFormat.ParseDecimal(text, "f"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12,5")]
    [InlineData("abc")]
    public void ParseDecimal_MissingOrMalformed_ThrowsFormatExceptionNamingField(string? text)
    {
        var ex = Assert.Throws<FormatException>(() => FiriFormat.ParseDecimal(text, "price"));

        Assert.Contains("'price'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300000, 2, "300000.00")]
    [InlineData(0.0001, 8, "0.00010000")]
    [InlineData(0.00000001, 8, "0.00000001")]
    [InlineData(12.5, 0, "13")]
    [InlineData(1234567.891, 3, "1234567.891")]
    public void FormatDecimal_Value_FixedDecimalsNoExponentNoGrouping(double value, int decimals, string expected)
    {
        Assert.Equal(expected, FiriFormat.FormatDecimal((decimal)value, decimals));
    }

    [Theory]
    [InlineData(300000.00, 2, true)]
    [InlineData(300000.005, 2, false)]
    [InlineData(0.00010000, 8, true)]
    [InlineData(0.000000001, 8, false)]
    public void FitsDecimals_Value_TellsWhetherPrecisionSuffices(double value, int decimals, bool expected)
    {
        Assert.Equal(expected, FiriFormat.FitsDecimals((decimal)value, decimals));
    }

    [Fact]
    public void ParseTime_FirisIsoForm_IsUtcWithMilliseconds()
    {
        var time = FiriFormat.ParseTime("2020-04-27T17:38:00.776Z", "created_at");

        Assert.Equal(new DateTimeOffset(2020, 4, 27, 17, 38, 0, 776, TimeSpan.Zero), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.Equal("2020-04-27T17:38:00.776Z", FiriFormat.FormatTime(time));
    }

    [Property]
    public Property FormatThenParse_AnyAmountAtItsPrecision_RoundTrips()
    {
        var cases = from units in Gen.Choose(0, int.MaxValue)
                    from decimals in Gen.Choose(0, 8)
                    select (units, decimals);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var value = c.units / (decimal)Math.Pow(10, c.decimals);
            var text = FiriFormat.FormatDecimal(value, c.decimals);
            return FiriFormat.ParseDecimal(text, "x") == value && !text.Contains('E', StringComparison.OrdinalIgnoreCase);
        });
    }
}
