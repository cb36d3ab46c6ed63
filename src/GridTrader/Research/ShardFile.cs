using System.Text;
using System.Text.Json;

namespace GridTrader.Research;

/// <summary>
/// The results of one shard of a sweep (<c>sweep --shard i/n</c>), as JSON Lines: a header with the shard's place and the
/// sweep's <see cref="SweepContext"/>, then one line per configuration in index order with the exact (unrounded) figures,
/// so that <c>sweep merge</c> ranks exactly as a single run does.
/// </summary>
internal static class ShardFile
{
    private const string Format = "gridtrader-sweep-shard";
    private const int Version = 1;

    /// <summary>Writes the header; the caller then writes each outcome with <see cref="WriteOutcome"/>.</summary>
    public static void WriteHeader(TextWriter output, SweepContext context, int shard, int shards)
    {
        output.WriteLine(Line(w =>
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteNumber("shard", shard);
            w.WriteNumber("shards", shards);
            w.WritePropertyName("context");
            WriteContext(w, context);
            w.WriteEndObject();
        }));
    }

    public static void WriteOutcome(TextWriter output, SweepOutcome o) => output.WriteLine(Line(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("i", o.Config.Index);
        if (!o.Ran)
        {
            w.WriteString("skip", o.SkipReason);
        }
        else
        {
            w.WriteBoolean("floor", o.BelowFeeFloor);
            w.WriteStartArray("runs");
            foreach (var r in o.Runs)
            {
                w.WriteStartArray();
                w.WriteBooleanValue(r.Traded);
                w.WriteNumberValue(r.RoundTrips);
                w.WriteNumberValue(r.NetPnl);
                w.WriteNumberValue(r.RealizedPnl);
                w.WriteNumberValue(r.Fees);
                w.WriteNumberValue(r.MaxDrawdownPct);
                w.WriteNumberValue(r.FinalEquity);
                w.WriteNumberValue(r.OrdersPlaced);
                w.WriteNumberValue(r.Rejections);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }));

    /// <summary>One shard file opened for reading: its header, then its outcomes one line at a time.</summary>
    internal sealed class Reader : IDisposable
    {
        private readonly StreamReader _text;
        private int _line = 1;

        private Reader(string path, StreamReader text, int shard, int shards, string contextJson, SweepContext context)
        {
            Path = path;
            _text = text;
            Shard = shard;
            Shards = shards;
            ContextJson = contextJson;
            Context = context;
        }

        public string Path { get; }
        public int Shard { get; }
        public int Shards { get; }

        /// <summary>The context exactly as written, to check that shards belong to one sweep.</summary>
        public string ContextJson { get; }

        public SweepContext Context { get; }

        /// <exception cref="InvalidDataException">Not a shard file, or one of another version.</exception>
        public static Reader Open(string path)
        {
            var text = new StreamReader(path, Encoding.UTF8);
            try
            {
                var first = text.ReadLine() ?? throw new InvalidDataException($"{path} is empty, not a sweep shard file");
                using var doc = Parse(first, path, 1);
                var root = doc.RootElement;
                if (!root.TryGetProperty("format", out var format) || format.GetString() != Format)
                    throw new InvalidDataException($"{path} is not a sweep shard file");
                if (root.GetProperty("version").GetInt32() != Version)
                    throw new InvalidDataException($"{path} is a sweep shard file of version {root.GetProperty("version").GetInt32()}, expected {Version}");
                var context = root.GetProperty("context");
                return new Reader(path, text, root.GetProperty("shard").GetInt32(), root.GetProperty("shards").GetInt32(), context.GetRawText(),
                    ReadContext(context));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                text.Dispose();
                throw new InvalidDataException($"{path} line 1: not a sweep shard header ({ex.Message})", ex);
            }
            catch
            {
                text.Dispose();
                throw;
            }
        }

        /// <summary>The next outcome, or null at the end of the file.</summary>
        /// <exception cref="InvalidDataException">A line that is not an outcome of this sweep.</exception>
        public SweepOutcome? Next()
        {
            var line = _text.ReadLine();
            _line++;
            if (line is null) return null;
            try
            {
                using var doc = Parse(line, Path, _line);
                var root = doc.RootElement;
                var index = root.GetProperty("i").GetInt32();
                if (index < 0 || index >= Context.Space.Count)
                    throw new InvalidDataException($"{Path} line {_line}: configuration {index} is outside the sweep's {Context.Space.Count}");
                var config = Context.Space[index];
                if (root.TryGetProperty("skip", out var skip)) return SweepOutcome.Skipped(config, skip.GetString()!);
                var runs = root.GetProperty("runs").EnumerateArray().Select(r =>
                {
                    var v = r.EnumerateArray().ToArray();
                    return new RunFigures(v[0].GetBoolean(), v[1].GetInt32(), v[2].GetDecimal(), v[3].GetDecimal(), v[4].GetDecimal(), v[5].GetDecimal(),
                        v[6].GetDecimal(), v[7].GetInt32(), v[8].GetInt32());
                }).ToArray();
                return new SweepOutcome(config, null, root.GetProperty("floor").GetBoolean(), runs);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
            {
                throw new InvalidDataException($"{Path} line {_line}: not a sweep result ({ex.Message})", ex);
            }
        }

        public void Dispose() => _text.Dispose();
    }

    private static JsonDocument Parse(string line, string path, int number)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} line {number}: not JSON ({ex.Message})", ex);
        }
    }

    private static void WriteContext(Utf8JsonWriter w, SweepContext c)
    {
        w.WriteStartObject();
        w.WriteString("market", c.Market);
        w.WriteString("quote_currency", c.QuoteCurrency);
        w.WriteNumber("price_decimals", c.PriceDecimals);
        w.WriteString("data_file", c.DataFile);
        w.WriteString("data_sha256", c.DataSha256);
        w.WriteString("config", c.ConfigSource);
        w.WriteNumber("candles", c.Candles);
        w.WriteNumber("from_ms", c.FromMs);
        w.WriteNumber("to_ms", c.ToMs);
        w.WriteStartObject("space");
        w.WriteStartArray("spacing_pct");
        foreach (var v in c.Space.Spacings) w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteStartArray("atr_multiplier");
        foreach (var v in c.Space.AtrMultipliers) w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteStartArray("atr_period");
        foreach (var v in c.Space.AtrPeriods) w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteStartArray("levels");
        foreach (var v in c.Space.Levels) w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteStartArray("trend_filter");
        foreach (var v in c.Space.TrendFilter) w.WriteBooleanValue(v);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("windows");
        foreach (var f in c.Folds)
        {
            w.WriteStartArray();
            w.WriteNumberValue(f.Start);
            w.WriteNumberValue(f.End);
            w.WriteNumberValue(f.FromMs);
            w.WriteNumberValue(f.ToMs);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static SweepContext ReadContext(JsonElement c)
    {
        var s = c.GetProperty("space");
        var space = new SweepSpace(
            [.. s.GetProperty("spacing_pct").EnumerateArray().Select(v => v.GetDecimal())],
            [.. s.GetProperty("atr_multiplier").EnumerateArray().Select(v => v.GetDecimal())],
            [.. s.GetProperty("atr_period").EnumerateArray().Select(v => v.GetInt32())],
            [.. s.GetProperty("levels").EnumerateArray().Select(v => v.GetInt32())],
            [.. s.GetProperty("trend_filter").EnumerateArray().Select(v => v.GetBoolean())]);
        var folds = c.GetProperty("windows").EnumerateArray()
            .Select(f => f.EnumerateArray().ToArray())
            .Select(f => new FoldWindow(f[0].GetInt32(), f[1].GetInt32(), f[2].GetInt64(), f[3].GetInt64()))
            .ToList();
        return new SweepContext(c.GetProperty("market").GetString()!, c.GetProperty("quote_currency").GetString()!, c.GetProperty("price_decimals").GetInt32(),
            c.GetProperty("data_file").GetString()!, c.GetProperty("data_sha256").GetString()!, c.GetProperty("config").GetString()!,
            c.GetProperty("candles").GetInt32(), c.GetProperty("from_ms").GetInt64(), c.GetProperty("to_ms").GetInt64(), space, folds);
    }

    private static string Line(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) write(w);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
