using System.Text;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;

namespace GridTrader.Exchanges.Tests.Firi;

public class FiriErrorMapperTests
{
    [Theory]
    [InlineData(400, """{"name":"InsufficientFunds","message":"Insufficient funds"}""", ExchangeErrorKind.InsufficientFunds)]
    [InlineData(401, """{"name":"InvalidSignature","message":"bad"}""", ExchangeErrorKind.InvalidSignature)]
    [InlineData(401, """{"name":"Invalid Signature","message":"PS! Timestamp and validity has to be strings"}""", ExchangeErrorKind.InvalidSignature)]
    [InlineData(401, """{"name":"ExpiredSignature","message":"expired"}""", ExchangeErrorKind.ExpiredSignature)]
    [InlineData(401, """{"name":"Expired Signature","message":"expired"}""", ExchangeErrorKind.ExpiredSignature)]
    [InlineData(401, """{"name":"SecurityLevelTooLow","message":"The user's security level is too low"}""", ExchangeErrorKind.SecurityLevelTooLow)]
    [InlineData(401, """{"name":"ApiKeyNotFound","message":"not found"}""", ExchangeErrorKind.Unauthorized)]
    [InlineData(401, """{"name":"NotAuthenticated","message":"no"}""", ExchangeErrorKind.Unauthorized)]
    [InlineData(401, "", ExchangeErrorKind.Unauthorized)]
    [InlineData(403, "Forbidden", ExchangeErrorKind.Unauthorized)]
    [InlineData(404, """{"name":"OrderNotFound","message":"The specified order does not exist or has been canceled"}""", ExchangeErrorKind.NotFound)]
    [InlineData(404, """{"name":"MarketNotFound","message":"Market not found"}""", ExchangeErrorKind.NotFound)]
    [InlineData(404, "Cannot GET /v2/nope", ExchangeErrorKind.NotFound)]
    [InlineData(400, """{"name":"BadRequest","message":"Volume too low"}""", ExchangeErrorKind.InvalidRequest)]
    [InlineData(400, """{"name":"TooHighPriceAccuracy","message":"Too many decimal places in price 1.001"}""", ExchangeErrorKind.InvalidRequest)]
    [InlineData(400, """{"name":"Error","message":"Invalid Signature"}""", ExchangeErrorKind.InvalidSignature)]
    [InlineData(429, """{"name":"TooManyRequests","message":"slow down"}""", ExchangeErrorKind.RateLimited)]
    [InlineData(429, "", ExchangeErrorKind.RateLimited)]
    [InlineData(500, "<pre>Internal Server Error</pre>", ExchangeErrorKind.ServerError)]
    [InlineData(502, "<html><body>Bad Gateway</body></html>", ExchangeErrorKind.ServerError)]
    [InlineData(503, """{"name":"Maintenance","message":"back soon"}""", ExchangeErrorKind.ServerError)]
    [InlineData(302, "", ExchangeErrorKind.InvalidResponse)]
    public void FromResponse_StatusAndBody_MapsToKind(int status, string body, ExchangeErrorKind expected)
    {
        var error = FiriErrorMapper.FromResponse(status, Encoding.UTF8.GetBytes(body), null, out _);

        Assert.Equal(expected, error.Kind);
        Assert.Equal(status, error.HttpStatus);
    }

    [Fact]
    public void FromResponse_JsonErrorBody_KeepsNameAndMessageAndIsFlagged()
    {
        var error = FiriErrorMapper.FromResponse(400, """{"name":"InsufficientFunds","message":"Insufficient funds"}"""u8, null, out var hasErrorBody);

        Assert.True(hasErrorBody);
        Assert.Equal("InsufficientFunds: Insufficient funds", error.Message);
    }

    [Fact]
    public void FromResponse_HtmlPage_KeepsShortExcerptAndIsNotFlagged()
    {
        var error = FiriErrorMapper.FromResponse(500, "<pre>Internal\r\n   Server Error</pre>"u8, null, out var hasErrorBody);

        Assert.False(hasErrorBody);
        Assert.Equal("HTTP 500 with a non-JSON body: <pre>Internal Server Error</pre>", error.Message);
    }

    [Fact]
    public void FromResponse_HugeBody_ExcerptIsBounded()
    {
        var body = Encoding.UTF8.GetBytes(new string('x', 100_000));

        var error = FiriErrorMapper.FromResponse(500, body, null, out _);

        Assert.True(error.Message.Length < 250);
    }

    [Theory]
    [InlineData("""{"unexpected":true}""")]
    [InlineData("""{"name":""")]
    [InlineData("""[1,2]""")]
    [InlineData("""null""")]
    public void FromResponse_JsonThatIsNotAnErrorObject_IsNotFlagged(string body)
    {
        var error = FiriErrorMapper.FromResponse(400, Encoding.UTF8.GetBytes(body), null, out var hasErrorBody);

        Assert.False(hasErrorBody);
        Assert.Equal(ExchangeErrorKind.InvalidRequest, error.Kind);
    }

    [Fact]
    public void FromResponse_RetryAfter_IsCarried()
    {
        var error = FiriErrorMapper.FromResponse(429, ""u8, TimeSpan.FromSeconds(7), out _);

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
    }
}
