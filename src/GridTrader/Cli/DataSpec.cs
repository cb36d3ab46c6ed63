namespace GridTrader.Cli;

/// <summary>
/// One <c>--data</c> value: a candle file, optionally with the market it holds (<c>FILE:MARKET</c>). A value naming an
/// existing file is that file, colon or not; otherwise the text after the last colon is the market when it is a symbol
/// (letters and digits).
/// </summary>
internal sealed record DataSpec(string Path, string? Market)
{
    public static DataSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (File.Exists(text)) return new DataSpec(text, null);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return new DataSpec(text, null);
        var market = text[(colon + 1)..];
        return market.All(char.IsAsciiLetterOrDigit) ? new DataSpec(text[..colon], market.ToUpperInvariant()) : new DataSpec(text, null);
    }
}
