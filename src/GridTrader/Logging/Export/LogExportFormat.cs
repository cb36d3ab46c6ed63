namespace GridTrader.Logging.Export;

public enum LogExportFormat
{
    Json,
    Csv,
}
