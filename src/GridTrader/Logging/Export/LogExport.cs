namespace GridTrader.Logging.Export;

/// <summary>What <c>logs export</c> was asked for, after its arguments were checked.</summary>
public sealed record LogExportRequest(string LogDirectory, LogFilter Filter, LogExportFormat Format, string? OutputFile);

/// <summary>Runs an export: reads, filters, writes, and reports skipped lines on the error writer.</summary>
public static class LogExport
{
    /// <summary>Returns the number of records written.</summary>
    public static int Run(LogExportRequest request, Stream standardOutput, TextWriter error)
    {
        var reader = new LogFileReader(request.LogDirectory);
        int written;
        if (request.OutputFile is { } file)
        {
            // Written next to the target and moved into place, so a failed export never leaves half a file.
            var full = Path.GetFullPath(file);
            var temp = full + ".tmp";
            try
            {
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    written = LogExportWriter.Write(reader.Read(request.Filter), request.Format, stream);
                }

                File.Move(temp, full, overwrite: true);
                error.WriteLine($"wrote {written} event(s) to {full}");
            }
            finally
            {
                File.Delete(temp);
            }
        }
        else
        {
            written = LogExportWriter.Write(reader.Read(request.Filter), request.Format, standardOutput);
            standardOutput.Flush();
        }

        if (reader.MalformedLines > 0) error.WriteLine($"skipped {reader.MalformedLines} malformed line(s)");
        return written;
    }
}
