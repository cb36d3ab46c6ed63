using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridTrader.Core.Grid;

namespace GridTrader.Research;

/// <summary>
/// The sweep's JSON on standard output, written as the outcomes arrive: the context first, then <c>results</c> (one
/// object per configuration, in index order), then the rankings, the walk-forward folds and the timings. Memory stays
/// flat: the text is handed to the output every few kilobytes.
/// </summary>
internal sealed class SweepJson : IDisposable
{
    /// <summary>Keys that measure the machine or the run rather than the data and configurations.</summary>
    public static readonly IReadOnlyList<string> TimingKeys = ["parallel", "candle_cache", "load_ms", "elapsed_ms", "candles_per_second"];

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _w;
    private readonly TextWriter _output;
    private readonly SweepContext _context;

    public SweepJson(TextWriter output, SweepContext context)
    {
        _output = output;
        _context = context;
        _w = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _w.WriteStartObject();
        WriteContext(_w, context);
        _w.WriteStartArray("results");
    }

    public void Result(SweepOutcome o)
    {
        WriteResult(_w, o, _context.PriceDecimals);
        if (_buffer.WrittenCount > 1 << 15) Drain();
    }

    public void End(SweepAggregator a, int top, SweepTimings t)
    {
        var d = _context.PriceDecimals;
        _w.WriteEndArray();
        _w.WriteNumber("backtested", a.Backtested);
        _w.WriteNumber("skipped", a.Skipped);
        _w.WriteStartObject("skipped_by_reason");
        foreach (var (reason, count) in a.SkipReasons.OrderBy(kv => kv.Key, StringComparer.Ordinal)) _w.WriteNumber(reason, count);
        _w.WriteEndObject();
        if (a.IsWalkForward)
        {
            Ranking("best_by_out_of_sample", a.ByOutOfSample.Take(top));
            _w.WriteStartObject("walk_forward");
            _w.WriteNumber("k", _context.Folds.Count);
            _w.WriteString("scheme", "rolling: fold k trains on window k-1 and is tested on window k");
            _w.WriteStartArray("windows");
            foreach (var f in _context.Folds) Window(f);
            _w.WriteEndArray();
            _w.WriteStartArray("folds");
            for (var k = 1; k < _context.Folds.Count; k++)
            {
                var (train, test) = (_context.Folds[k - 1], _context.Folds[k]);
                _w.WriteStartObject();
                Time("train_from", train.FromMs);
                Time("train_to", train.ToMs);
                Time("test_from", test.FromMs);
                Time("test_to", test.ToMs);
                if (a.Choices[k - 1] is { } choice)
                {
                    _w.WritePropertyName("chosen");
                    WriteConfig(_w, choice.Config);
                    _w.WriteNumber("train_pnl", Math.Round(choice.TrainPnl, d));
                    _w.WriteNumber("test_pnl", Math.Round(choice.TestPnl, d));
                }
                else
                {
                    _w.WriteNull("chosen");
                    _w.WriteNumber("train_pnl", 0);
                    _w.WriteNumber("test_pnl", 0);
                }

                _w.WriteEndObject();
            }

            _w.WriteEndArray();
            _w.WriteNumber("out_of_sample_pnl", Math.Round(a.OutOfSamplePnl, d));
            _w.WriteEndObject();
        }
        else
        {
            Ranking("best_by_net_pnl", a.ByNetPnl.Take(top));
            Ranking("best_by_drawdown", a.ByDrawdown.Take(top));
        }

        _w.WriteStartArray("edge_warnings");
        foreach (var warning in EdgeWarnings(a)) _w.WriteStringValue(warning);
        _w.WriteEndArray();
        _w.WriteNumber("parallel", t.Parallel);
        _w.WriteString("candle_cache", t.CandleCache);
        _w.WriteNumber("load_ms", Math.Round(t.LoadMs, 1));
        _w.WriteNumber("elapsed_ms", Math.Round(t.ElapsedMs, 1));
        var candles = (double)a.Backtested * _context.CandlesPerConfiguration;
        _w.WriteNumber("candles_per_second", t.ElapsedMs > 0 ? Math.Round(candles / (t.ElapsedMs / 1000.0)) : 0);
        _w.WriteEndObject();
        Drain();
        _output.WriteLine();
    }

    /// <summary>Where the best configuration (out of sample for walk-forward, else by net P&amp;L) sits on the edge of the searched range.</summary>
    public static IReadOnlyList<string> EdgeWarnings(SweepAggregator a, SweepSpace space)
    {
        var ranking = a.IsWalkForward ? a.ByOutOfSample : a.ByNetPnl;
        var best = ranking.Count > 0 ? ranking[0] : null;
        return best is null ? [] : space.EdgesOf(best.Config);
    }

    public static void WriteConfig(Utf8JsonWriter w, SweepConfig c)
    {
        w.WriteStartObject();
        w.WriteNumber("index", c.Index);
        w.WriteString("spacing_mode", c.ModeName);
        if (c.Mode == SpacingMode.FixedPercent)
        {
            w.WriteNumber("spacing_pct", c.SpacingPct);
        }
        else
        {
            w.WriteNumber("atr_multiplier", c.AtrMultiplier);
            w.WriteNumber("atr_period", c.AtrPeriod);
        }

        w.WriteNumber("levels", c.Levels);
        w.WriteBoolean("trend_filter", c.TrendFilter);
        w.WriteEndObject();
    }

    public void Dispose() => _w.Dispose();

    private IReadOnlyList<string> EdgeWarnings(SweepAggregator a) => EdgeWarnings(a, _context.Space);

    private static void WriteContext(Utf8JsonWriter w, SweepContext c)
    {
        w.WriteString("market", c.Market);
        w.WriteString("data_file", c.DataFile);
        w.WriteString("data_sha256", c.DataSha256);
        w.WriteString("config", c.ConfigSource);
        w.WriteNumber("candles", c.Candles);
        w.WriteString("from", Iso(c.FromMs));
        w.WriteString("to", Iso(c.ToMs));
        w.WriteNumber("configurations", c.Space.Count);
        w.WriteStartObject("space");
        Values(w, "spacing_pct", c.Space.Spacings, (x, v) => x.WriteNumberValue(v));
        Values(w, "levels", c.Space.Levels, (x, v) => x.WriteNumberValue(v));
        Values(w, "atr_multiplier", c.Space.AtrMultipliers, (x, v) => x.WriteNumberValue(v));
        Values(w, "atr_period", c.Space.AtrPeriods, (x, v) => x.WriteNumberValue(v));
        Values(w, "trend_filter", c.Space.TrendFilter, (x, v) => x.WriteBooleanValue(v));
        w.WriteEndObject();
    }

    private static void Values<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> values, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (var v in values) write(w, v);
        w.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter w, SweepOutcome o, int d)
    {
        var c = o.Config;
        w.WriteStartObject();
        w.WriteNumber("index", c.Index);
        w.WriteString("spacing_mode", c.ModeName);
        if (c.Mode == SpacingMode.FixedPercent)
        {
            w.WriteNumber("spacing_pct", c.SpacingPct);
        }
        else
        {
            w.WriteNumber("atr_multiplier", c.AtrMultiplier);
            w.WriteNumber("atr_period", c.AtrPeriod);
        }

        w.WriteNumber("levels", c.Levels);
        w.WriteBoolean("trend_filter", c.TrendFilter);
        if (!o.Ran)
        {
            w.WriteString("skipped", o.SkipReason);
            w.WriteEndObject();
            return;
        }

        w.WriteBoolean("below_fee_floor", o.BelowFeeFloor);
        if (o.Runs.Length > 1)
        {
            w.WriteStartArray("fold_pnl");
            foreach (var r in o.Runs) w.WriteNumberValue(Math.Round(r.NetPnl, d));
            w.WriteEndArray();
            w.WriteNumber("out_of_sample_pnl", Math.Round(o.OutOfSamplePnl, d));
            w.WriteEndObject();
            return;
        }

        var f = o.Full;
        w.WriteNumber("round_trips", f.RoundTrips);
        w.WriteNumber("net_pnl", Math.Round(f.NetPnl, d));
        w.WriteNumber("realized_pnl", Math.Round(f.RealizedPnl, d));
        w.WriteNumber("fees", Math.Round(f.Fees, d));
        w.WriteNumber("max_drawdown_pct", Math.Round(f.MaxDrawdownPct, 4));
        w.WriteNumber("final_equity", Math.Round(f.FinalEquity, d));
        w.WriteNumber("orders_placed", f.OrdersPlaced);
        w.WriteNumber("rejections", f.Rejections);
        w.WriteEndObject();
    }

    private void Ranking(string name, IEnumerable<SweepOutcome> rows)
    {
        _w.WriteStartArray(name);
        foreach (var o in rows) WriteResult(_w, o, _context.PriceDecimals);
        _w.WriteEndArray();
    }

    private void Window(FoldWindow f)
    {
        _w.WriteStartObject();
        Time("from", f.FromMs);
        Time("to", f.ToMs);
        _w.WriteNumber("candles", f.Count);
        _w.WriteEndObject();
    }

    private void Time(string name, long ms) => _w.WriteString(name, Iso(ms));

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void Drain()
    {
        _w.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }
}
