using System.Globalization;
using System.Runtime.CompilerServices;
using GridTrader.Core.MarketData;

namespace GridTrader.Exchanges.MarketData;

/// <summary>
/// Streams candles from a CSV file with the header <c>timestamp_ms,open,high,low,close,volume</c>,
/// gzip-compressed or plain (told apart by the gzip magic bytes, not by the file name). Memory
/// stays flat in the length of the file.
/// </summary>
/// <remarks>
/// <para>Numbers are parsed with the invariant culture straight from UTF-8 into decimals.</para>
/// <para>
/// A malformed row stops the read with a <see cref="CandleDataException"/> naming the file and
/// line: wrong column count, a field that is not a number (NaN and Infinity included), negative
/// values, a zero low, high below low, open or close outside low..high. Open times must
/// increase: a row identical to the row before it is skipped and counted, any other repeated or
/// earlier open time is an error, and so is a step that is not a whole number of intervals.
/// The last line must end with a line feed: a truncated file would otherwise end in a row that
/// parses but is wrong.
/// </para>
/// <para>
/// Gaps do not stop the read; each is recorded in <see cref="Report"/>. The interval is taken
/// from the options, or inferred as the most common step among the file's first
/// <see cref="CandleInterval.InferenceSampleSize"/> rows (one extra pass over a few kilobytes).
/// </para>
/// <para>One enumeration at a time; each starts a new <see cref="Report"/>.</para>
/// </remarks>
public sealed class CandleCsvReader
{
    public CandleCsvReader(string path, CandleCsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        Options = options ?? new CandleCsvReadOptions();
        Report = new CandleDataReport(path, Options.Interval, intervalInferred: false);
    }

    public string Path { get; }

    public CandleCsvReadOptions Options { get; }

    /// <summary>The report of the latest read, filled in while it runs and complete once it ends.</summary>
    public CandleDataReport Report { get; private set; }

    /// <summary>
    /// The interval a read will use: the configured one, or the one inferred from the file's first rows (a few
    /// kilobytes); null when the file has fewer than two distinct open times.
    /// </summary>
    public TimeSpan? DetectInterval() => Options.Interval ?? InferInterval();

    /// <summary>Reads the file synchronously, the fast path for backtests.</summary>
    public IEnumerable<Candle> Read() =>
        Drive(() => Start(Options.Interval ?? InferInterval(), asynchronous: false));

    public IAsyncEnumerable<Candle> ReadAsync(CancellationToken ct = default) =>
        DriveAsync(async token => Start(Options.Interval ?? await InferIntervalAsync(token), asynchronous: true), ct);

    /// <summary>Reads the whole file only to check it and return its <see cref="Report"/>.</summary>
    public CandleDataReport Scan()
    {
        foreach (var _ in Read())
        {
        }

        return Report;
    }

    private Session Start(TimeSpan? interval, bool asynchronous)
    {
        RequireSupported(Path, interval);
        var report = new CandleDataReport(Path, interval, intervalInferred: Options.Interval is null);
        Report = report;
        return new Session(CsvLineSource.Open(Path, asynchronous), Options, report);
    }

    /// <summary>
    /// Refuses candles that are not whole minutes apart: indicators, cooldowns and the trend interval count in whole
    /// minutes, so a file of 1 ms candles would run and mean nothing.
    /// </summary>
    /// <exception cref="CandleDataException">The interval is below a minute or not a whole number of minutes.</exception>
    internal static void RequireSupported(string path, TimeSpan? interval)
    {
        if (interval is { } step && !CandleInterval.IsSupported(step))
            throw new CandleDataException(path, 3,
                $"the candles are {CandleInterval.Format(step)} apart; GridTrader runs on whole-minute candles (1m or more). Check the open-time column (milliseconds since 1970).");
    }

    private Session StartSample(bool asynchronous) =>
        new(CsvLineSource.Open(Path, asynchronous), new CandleCsvReadOptions(), new CandleDataReport(Path, null, intervalInferred: false));

    private TimeSpan? InferInterval() =>
        CandleInterval.Infer([.. Drive(() => StartSample(asynchronous: false)).Take(CandleInterval.InferenceSampleSize).Select(c => c.OpenTimeMs)]);

    private async ValueTask<TimeSpan?> InferIntervalAsync(CancellationToken ct)
    {
        var times = new List<long>(CandleInterval.InferenceSampleSize);
        await foreach (var candle in DriveAsync(_ => ValueTask.FromResult(StartSample(asynchronous: true)), ct))
        {
            times.Add(candle.OpenTimeMs);
            if (times.Count == CandleInterval.InferenceSampleSize) break;
        }

        return CandleInterval.Infer(times);
    }

    private static IEnumerable<Candle> Drive(Func<Session> start)
    {
        using var session = start();
        while (true)
        {
            switch (session.Next(out var candle))
            {
                case Step.Candle:
                    yield return candle;
                    break;
                case Step.NeedData:
                    session.Lines.Fill();
                    break;
                default:
                    yield break;
            }
        }
    }

    private static async IAsyncEnumerable<Candle> DriveAsync(
        Func<CancellationToken, ValueTask<Session>> start, [EnumeratorCancellation] CancellationToken ct)
    {
        using var session = await start(ct);
        while (true)
        {
            switch (session.Next(out var candle))
            {
                case Step.Candle:
                    yield return candle;
                    break;
                case Step.NeedData:
                    await session.Lines.FillAsync(ct);
                    break;
                default:
                    yield break;
            }
        }
    }

    private enum Step
    {
        Candle,
        NeedData,
        End,
    }

    /// <summary>The state of one pass over the file: header, previous row, range and report.</summary>
    private sealed class Session(CsvLineSource lines, CandleCsvReadOptions options, CandleDataReport report) : IDisposable
    {
        private readonly long _fromMs = options.From?.ToUnixTimeMilliseconds() ?? long.MinValue;
        private readonly long _toMs = options.To?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        private bool _headerRead;
        private bool _hasPrevious;
        private Candle _previous;

        public CsvLineSource Lines => lines;

        public Step Next(out Candle candle)
        {
            candle = default;
            while (lines.TryTakeLine(out var line))
            {
                // A cut-off gzip stream ends without an error from the decompressor; its last
                // line, perhaps a shortened number, must not pass for a candle.
                if (!lines.LineTerminated && !line.IsEmpty)
                    throw Error("the file ends inside a line (no final line feed); it may be truncated");

                if (!_headerRead)
                {
                    if (!CandleCsvRow.IsHeader(line))
                        throw Error($"expected the header '{CandleCsvRow.Header}', found '{CandleCsvRow.Quote(line)}'");
                    _headerRead = true;
                    continue;
                }

                if (line.IsEmpty) continue;
                if (!CandleCsvRow.TryParse(line, out var row, out var error)) throw Error(error!);
                report.RowsRead++;

                if (_hasPrevious && row.OpenTimeMs <= _previous.OpenTimeMs)
                {
                    if (row != _previous) throw Error(OrderError(row));
                    report.DuplicatesSkipped++;
                    continue;
                }

                _previous = row;
                _hasPrevious = true;
                if (row.OpenTimeMs < _fromMs || row.OpenTimeMs >= _toMs)
                {
                    report.RowsOutsideRange++;
                    if (row.OpenTimeMs >= _toMs) return Finish();
                    continue;
                }

                if (!report.Tracker.TryAdd(row.OpenTimeMs)) throw Error(IntervalError(row));
                candle = row;
                return Step.Candle;
            }

            if (!lines.IsAtEnd) return Step.NeedData;
            if (!_headerRead) throw Error($"the file is empty; expected the header '{CandleCsvRow.Header}'", lineNumber: 1);
            return Finish();
        }

        public void Dispose() => lines.Dispose();

        private Step Finish()
        {
            report.Completed = true;
            return Step.End;
        }

        private string OrderError(Candle row) => row.OpenTimeMs == _previous.OpenTimeMs
            ? $"open time {Describe(row.OpenTimeMs)} repeats the previous row with different values"
            : $"open time {Describe(row.OpenTimeMs)} is before the previous row's {Describe(_previous.OpenTimeMs)}";

        private string IntervalError(Candle row)
        {
            var interval = report.Tracker.Interval!.Value;
            var step = row.OpenTimeMs - report.Tracker.LastOpenTimeMs;
            return string.Create(CultureInfo.InvariantCulture,
                $"open time {Describe(row.OpenTimeMs)} is {step} ms after the previous candle, not a whole number of {CandleInterval.Format(interval)} intervals");
        }

        private static string Describe(long openTimeMs) => string.Create(CultureInfo.InvariantCulture,
            $"{openTimeMs} ({DateTimeOffset.FromUnixTimeMilliseconds(openTimeMs):yyyy-MM-dd HH:mm:ss} UTC)");

        private CandleDataException Error(string detail, long? lineNumber = null) =>
            new(lines.FilePath, lineNumber ?? lines.LineNumber, detail);
    }
}
