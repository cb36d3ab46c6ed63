using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridTrader.Soak;

/// <summary>The Firi mock's admin API, as the soak and the tests use it.</summary>
internal sealed class MockAdmin(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };

    public async Task SetFaultsAsync(string spec)
    {
        using var response = await _http.PostAsJsonAsync("/admin/faults", new { spec });
        response.EnsureSuccessStatusCode();
    }

    public async Task MoveAsync(string market, decimal price, decimal volume)
    {
        using var response = await _http.PostAsJsonAsync("/admin/price", new
        {
            market,
            price = price.ToString("0.00", CultureInfo.InvariantCulture),
            volume = volume.ToString("0.########", CultureInfo.InvariantCulture),
        });
        response.EnsureSuccessStatusCode();
    }

    public async Task<Ledger> LedgerAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("/admin/ledger"));
        var root = doc.RootElement;
        static decimal D(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
        var orders = root.GetProperty("orders").EnumerateArray().Select(o => new MockOrder(
            o.GetProperty("id").GetInt64(), o.GetProperty("side").GetString()!, D(o, "price"), D(o, "amount"), D(o, "matched"), D(o, "remaining"))).ToList();
        var trades = root.GetProperty("trades").EnumerateArray().Select(t => new MockTrade(
            t.GetProperty("orderId").GetInt64(), t.GetProperty("side").GetString()!, D(t, "price"), D(t, "amount"), D(t, "fee"),
            t.GetProperty("isMaker").GetBoolean())).ToList();
        var balances = root.GetProperty("balances").EnumerateArray().ToDictionary(b => b.GetProperty("currency").GetString()!, b => D(b, "total"),
            StringComparer.OrdinalIgnoreCase);
        return new Ledger(orders, trades, balances);
    }

    public async Task<long> OrdersCreatedAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("/admin/state"));
        return doc.RootElement.GetProperty("ordersCreated").GetInt64();
    }

    /// <summary>Faults injected so far, by kind (<c>5xx</c>, <c>lost-create</c>, <c>401</c>, …).</summary>
    public async Task<IReadOnlyDictionary<string, long>> InjectedAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("/admin/faults"));
        return doc.RootElement.GetProperty("injected").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    internal sealed record MockOrder(long Id, string Side, decimal Price, decimal Amount, decimal Matched, decimal Remaining);

    internal sealed record MockTrade(long OrderId, string Side, decimal Price, decimal Amount, decimal Fee, bool IsMaker);

    internal sealed record Ledger(IReadOnlyList<MockOrder> Orders, IReadOnlyList<MockTrade> Trades, IReadOnlyDictionary<string, decimal> Balances)
    {
        public IEnumerable<MockOrder> Open => Orders.Where(o => o.Remaining > 0);
    }
}
