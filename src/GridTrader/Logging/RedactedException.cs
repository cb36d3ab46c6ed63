namespace GridTrader.Logging;

/// <summary>
/// Stands in for an exception whose text contained a secret: it renders as the original's <see cref="Exception.ToString"/>
/// (type, message, stack, inner exceptions) with the secrets masked.
/// </summary>
#pragma warning disable CA1032, CA1064 // Only created by the redacting sink; never thrown or caught.
internal sealed class RedactedException(string message, string text) : Exception(message)
#pragma warning restore CA1032, CA1064
{
    public override string? StackTrace => null;

    public override string ToString() => text;

    public static RedactedException From(Exception original, SecretRedactor redactor) =>
        new(redactor.Redact(original.Message), redactor.Redact(original.ToString()));
}
