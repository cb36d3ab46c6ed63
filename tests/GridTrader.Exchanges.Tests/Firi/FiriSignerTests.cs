using System.Text;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.Exchanges.Tests.Firi;

public class FiriSignerTests
{
    private const string VectorSecret = "RTk2eNs67Vpan3345pmrwYEBYsWXRXtGF3BKTFq8WMLLOLOL";

    [Fact]
    public void Sign_ReferenceVector1_MatchesPublishedHash()
    {
        var payload = FiriSigner.AuthPayload("1632954488", "2000");

        Assert.Equal("""{"timestamp":"1632954488","validity":"2000"}""", Encoding.UTF8.GetString(payload));
        Assert.Equal("21818f40878aad8ed30373d01ea7c5068f53ad47861a84dd3e6891f074ab681b", FiriSigner.Sign(VectorSecret, payload));
    }

    [Fact]
    public void Sign_ReferenceVector2_MatchesPublishedHash()
    {
        var payload = FiriSigner.AuthPayload("1000", "2000");

        Assert.Equal("53bd9470b7212bd52d7418b534e811661aa86f7899c4a126425606cece46ec5a", FiriSigner.Sign("mykey", payload));
    }

    [Fact]
    public void OrderBody_ReferenceVector3_IsCompactTimestampFirstAndSignsToPublishedHash()
    {
        var body = FiriSigner.OrderBody(new FiriOrderCreateBody("1632954488", "2000", "BTCNOK", "bid", "300000.00", "0.0001"));

        Assert.Equal(
            """{"timestamp":"1632954488","validity":"2000","market":"BTCNOK","type":"bid","price":"300000.00","amount":"0.0001"}""",
            Encoding.UTF8.GetString(body));
        Assert.Equal("1da5c7560763e46977eae217d2d7be0e45bd8db17f9d36acc8b7a8425f54f883", FiriSigner.Sign(VectorSecret, body));
    }

    [Fact]
    public void Sign_KeysInOtherOrder_GivesDifferentSignature()
    {
        var reordered = """{"validity":"2000","timestamp":"1000"}"""u8.ToArray();

        var signature = FiriSigner.Sign("mykey", reordered);

        Assert.StartsWith("0d87a2f2", signature, StringComparison.Ordinal);
        Assert.NotEqual(FiriSigner.Sign("mykey", FiriSigner.AuthPayload("1000", "2000")), signature);
    }

    [Fact]
    public void Sign_BodyFieldsFirst_GivesTheOtherPublishedHash()
    {
        // The body-first ordering some clients used: a different payload, so a different signature.
        var bodyFirst = """{"market":"BTCNOK","type":"bid","price":"300000.00","amount":"0.0001","timestamp":"1632954488","validity":"2000"}"""u8;

        Assert.Equal("e193b4028e8af13b457869869926d9df9624f2642965ef60ca6f5c21e44a445d", FiriSigner.Sign(VectorSecret, bodyFirst));
    }

    [Fact]
    public void Sign_NumericValidity_DiffersFromStringValidity()
    {
        // Firi's docs: "Timestamp and validity has to be strings". The old numeric form hashes differently.
        var numeric = """{"timestamp":"1632954488","validity":2000}"""u8;

        Assert.StartsWith("d1845ce2", FiriSigner.Sign(VectorSecret, numeric), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_AnyPayload_IsLowercaseHexOf64Chars()
    {
        var signature = FiriSigner.Sign("k", "x"u8);

        Assert.Matches("^[0-9a-f]{64}$", signature);
    }

    [Fact]
    public void Verify_MatchingAndTamperedSignatures_AcceptsOnlyTheMatch()
    {
        var payload = FiriSigner.AuthPayload("1632954488", "2000");
        var signature = FiriSigner.Sign(VectorSecret, payload);

        Assert.True(FiriSigner.Verify(VectorSecret, payload, signature));
        Assert.True(FiriSigner.Verify(VectorSecret, payload, signature.ToUpperInvariant()));
        Assert.False(FiriSigner.Verify(VectorSecret, payload, "0" + signature[1..]));
        Assert.False(FiriSigner.Verify("other", payload, signature));
        Assert.False(FiriSigner.Verify(VectorSecret, payload, null));
    }
}
