namespace GridTrader.Notifications;

/// <summary>Splits a message into parts no longer than a channel allows, at line breaks where possible.</summary>
public static class MessageSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text.Length <= maxLength) return [text];
        var parts = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > maxLength)
        {
            var cut = rest[..(maxLength + 1)].LastIndexOf('\n');
            if (cut <= 0)
            {
                // One line longer than the limit: cut it hard.
                parts.Add(rest[..maxLength].ToString());
                rest = rest[maxLength..];
            }
            else
            {
                parts.Add(rest[..cut].ToString());
                rest = rest[(cut + 1)..];
            }
        }

        if (rest.Length > 0) parts.Add(rest.ToString());
        return parts;
    }
}
