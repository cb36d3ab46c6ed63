using System.Text;

namespace GridTrader.Hosting;

/// <summary>
/// A reason a person gives for kill, pause or resume, as it is logged, journaled and shown: one line of at most
/// <see cref="MaxLength"/> characters. Line breaks and other control characters become spaces (a reason cannot forge log
/// lines), runs of white space become one, and a longer text is cut with an ellipsis.
/// </summary>
internal static class OperatorReason
{
    public const int MaxLength = 200;

    public static string Clean(string? text, string fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var line = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space) line.Append(' ');
            space = false;
            line.Append(c);
            if (line.Length > MaxLength) break;
        }

        if (line.Length == 0) return fallback;
        if (line.Length <= MaxLength) return line.ToString();
        var cut = MaxLength - 1;
        if (char.IsHighSurrogate(line[cut - 1])) cut--;
        return line.ToString(0, cut) + "…";
    }
}
