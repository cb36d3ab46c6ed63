using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Core.MarketData;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Backtesting;

/// <summary>
/// The figures of a backtest that must not move when the engine is made faster: counts, money to the last digit, and
/// SHA-256 hashes of every fill, round trip and equity point as text (so a changed decimal scale counts as a change too).
/// </summary>
internal sealed record GoldenFigures(int RoundTrips, int FillCount, int OrdersPlaced, int Rejections, int Rebuilds, int Notices,
    decimal RealizedPnl, decimal Fees, decimal FinalEquity, decimal MaxDrawdownPct, string FillsHash, string RoundTripsHash, string EquityHash)
{
    public static GoldenFigures Of(BacktestResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var fills = new StringBuilder();
        foreach (var f in r.Fills)
        {
            fills.Append(c, $"{f.Time.ToUnixTimeMilliseconds()},{f.OrderId},{f.Side},{f.Price},{f.Amount},{f.Fee},{f.FeeCurrency},{f.Level}\n");
        }

        var trips = new StringBuilder();
        foreach (var t in r.RoundTripDetails)
        {
            trips.Append(c, $"{t.SellOrderId},{t.Level},{t.Amount},{t.Cost},{t.Proceeds},{t.Fees},{t.RealizedPnl},{t.OpenedAt.ToUnixTimeMilliseconds()},{t.ClosedAt.ToUnixTimeMilliseconds()}\n");
        }

        var equity = new StringBuilder();
        foreach (var p in r.EquityCurve) equity.Append(c, $"{p.TimeMs},{p.Equity},{p.Price}\n");
        return new GoldenFigures(r.RoundTrips, r.FillCount, r.OrdersPlaced, r.Rejections, r.GridRebuilds, r.NoticeCount,
            r.RealizedPnl, r.Fees, r.FinalEquity, r.MaxDrawdownPct, Hash(fills), Hash(trips), Hash(equity));
    }

    /// <summary>The figures as C# source, so a deliberate change of results is recorded by pasting the failure message.</summary>
    public string ToSource()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"new({RoundTrips}, {FillCount}, {OrdersPlaced}, {Rejections}, {Rebuilds}, {Notices}, {RealizedPnl}m, {Fees}m, " +
                                $"{FinalEquity}m, {MaxDrawdownPct}m, \"{FillsHash}\", \"{RoundTripsHash}\", \"{EquityHash}\")");
    }

    public static string Hash(StringBuilder text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
}

/// <summary>Runs the embedded default configuration, changed by a few settings, over a shipped candle file, as <c>backtest</c> does.</summary>
internal static class GoldenRun
{
    private static readonly Dictionary<string, Lazy<Candle[]>> Files = new(StringComparer.Ordinal);

    public static Candle[] Candles(string file)
    {
        Lazy<Candle[]> lazy;
        lock (Files)
        {
            if (!Files.TryGetValue(file, out lazy!))
            {
                lazy = new Lazy<Candle[]>(() => [.. new CandleCsvReader(TestRepository.SampleData(file)).Read()]);
                Files.Add(file, lazy);
            }
        }

        return lazy.Value;
    }

    /// <summary>
    /// The embedded default (BTCNOK at ×10, 10 ATR levels, trend filter, trail, 24 h order expiry) with
    /// <paramref name="overrides"/> written over it: "Section:Key" → value (a JSON literal).
    /// </summary>
    public static BacktestOptions Options(params (string Key, string Json)[] overrides)
    {
        var json = JsonNode.Parse(ConfigLoader.DefaultJson())!;
        foreach (var (key, value) in overrides)
        {
            var path = key.Split(':');
            var node = json["GridTrader"]!;
            foreach (var part in path[..^1]) node = node[part] ??= new JsonObject();
            node[path[^1]] = JsonNode.Parse(value);
        }

        var loaded = ConfigLoader.LoadJson(json.ToJsonString(), "golden", environment: new Dictionary<string, string?>());
        Assert.False(loaded.HasErrors, string.Join("; ", loaded.Errors.Select(e => $"{e.Path}: {e.Message}")));
        var market = BacktestSetup.PickMarket(loaded.Options, null)!;
        return BacktestSetup.For(loaded.Options, market) with { CollectFills = true, CandleInterval = TimeSpan.FromMinutes(5) };
    }
}
