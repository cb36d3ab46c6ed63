using GridTrader.Exchanges.Firi;

namespace GridTrader.Exchanges.Tests.Firi;

public class FiriCredentialsTests
{
    private const string ApiKey = "ak-0123456789abcdef0123";
    private const string ClientId = "cid-fedcba9876543210";
    private const string Secret = "sk-RTk2eNs67Vpan3345pmrwYEBY";

    [Fact]
    public void ToString_AnyCredentials_PrintsMaskedValuesOnly()
    {
        var credentials = new FiriCredentials(ApiKey, ClientId, Secret);

        var text = credentials.ToString();

        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.Equal(text, $"{credentials}");
    }

    [Fact]
    public void ToString_WithoutApiKey_SaysNone()
    {
        Assert.Contains("ApiKey = (none)", new FiriCredentials(null, ClientId, Secret).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_TextContainingEveryValue_MasksThemAll()
    {
        var credentials = new FiriCredentials(ApiKey, ClientId, Secret);

        var redacted = credentials.Redact($"key {ApiKey}, client {ClientId}, secret {Secret}.");

        Assert.Equal("key ***, client ***, secret ***.", redacted);
    }

    [Theory]
    [InlineData("", Secret)]
    [InlineData(ClientId, "")]
    [InlineData(" ", Secret)]
    public void Constructor_MissingClientIdOrSecret_Throws(string clientId, string secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => new FiriCredentials(ApiKey, clientId, secret));
    }

    [Fact]
    public void Constructor_MissingSecret_ExceptionDoesNotEchoOtherValues()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new FiriCredentials(ApiKey, ClientId, " "));

        Assert.DoesNotContain(ApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientId, ex.ToString(), StringComparison.Ordinal);
    }
}
