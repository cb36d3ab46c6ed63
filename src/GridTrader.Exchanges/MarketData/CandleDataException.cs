namespace GridTrader.Exchanges.MarketData;

/// <summary>
/// A candle file that cannot be read as a valid series. The message names the file and line,
/// for example <c>data.csv line 17: high 100 is below low 101</c>.
/// </summary>
public sealed class CandleDataException : Exception
{
    public CandleDataException(string filePath, long lineNumber, string detail, Exception? innerException = null)
        : base($"{Path.GetFileName(filePath)} line {lineNumber}: {detail}", innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Detail = detail;
    }

    public string FilePath { get; }

    /// <summary>1-based line number; the header is line 1.</summary>
    public long LineNumber { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Detail { get; }
}
