namespace GridTrader.FiriMock.Auth;

/// <summary>What a key may do: Firi's "security level", reduced to the two things the API distinguishes.</summary>
[Flags]
internal enum MockPermissions
{
    None = 0,

    /// <summary>Balances, orders and history (GET).</summary>
    Read = 1,

    /// <summary>Placing and cancelling orders (POST, DELETE).</summary>
    Trade = 2,

    All = Read | Trade,
}

/// <summary>
/// One API key of the mock's single account. <paramref name="Permissions"/> apply to HMAC-signed requests;
/// a request carrying only the access key gets at most <paramref name="KeyOnlyPermissions"/> of them (Firi
/// answered <c>SecurityLevelTooLow</c> to an order sent with the key alone).
/// </summary>
internal sealed record MockApiKey(
    string? ApiKey,
    string ClientId,
    string Secret,
    MockPermissions Permissions = MockPermissions.All,
    MockPermissions KeyOnlyPermissions = MockPermissions.Read)
{
    // Records print their members; a key's secrets never reach a log or a test failure message.
    public override string ToString() => $"MockApiKey {{ Permissions = {Permissions}, KeyOnly = {KeyOnlyPermissions} }}";
}

/// <summary>Signature settings (docs/firi-api.md, "Signing", Validity and clock).</summary>
internal sealed class MockAuthOptions
{
    /// <summary>Added to <c>timestamp × 1000 + validity</c> before a signature counts as expired (timestamps are whole seconds).</summary>
    public TimeSpan ExpiryGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A timestamp further ahead of the mock's clock than this is refused.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Accept only <c>{timestamp, validity, ...body}</c> (and the bare pair for an empty body).</summary>
    public bool Strict { get; set; }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpiryGrace, TimeSpan.Zero, nameof(ExpiryGrace));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFutureSkew, TimeSpan.Zero, nameof(MaxFutureSkew));
    }
}
