using System.Globalization;
using GridTrader.Core.Configuration;
using GridTrader.Engine.Live;

namespace GridTrader.Hosting;

/// <summary>
/// Settings that do not fit the account the bot found at start, each as one line naming the setting. Today: base held on
/// the account while the market's <c>UseExistingBase</c> is false. The grid never sells that base, yet it counts toward
/// the market's exposure, so above the per-market cap every buy is refused; without a hint that looks like a grid that
/// silently stopped buying.
/// </summary>
internal static class StartupHints
{
    public static IReadOnlyList<string> For(EngineSnapshot snapshot, IReadOnlyList<MarketSetup> markets, GridTraderOptions options)
    {
        var hints = new List<string>();
        var c = CultureInfo.InvariantCulture;
        foreach (var setup in markets)
        {
            if (setup.UseExistingBase) continue;
            var info = setup.Info;
            var market = snapshot.Markets.FirstOrDefault(m => m.Symbol.Equals(info.Symbol, StringComparison.OrdinalIgnoreCase));
            if (market is null || market.LastPrice <= 0) continue;
            var held = snapshot.Balances.GetValueOrDefault(info.BaseCurrency);
            // Base the grid itself holds rests as its sell orders; what is left over is what it will never sell.
            var onSale = snapshot.OpenOrders.Where(o => o.Market.Equals(info.Symbol, StringComparison.OrdinalIgnoreCase) && o.Side == "sell")
                .Sum(o => o.Amount - o.Filled);
            var idle = held - onSale;
            var value = idle * market.LastPrice;
            if (idle <= 0 || value < Math.Max(info.MinOrderValue, 0.01m)) continue;

            var index = options.Markets.FindIndex(m => m.Symbol.Equals(info.Symbol, StringComparison.OrdinalIgnoreCase));
            var setting = $"Markets:{index}:UseExistingBase";
            var cap = market.Exposure >= market.CapitalCap && market.CapitalCap > 0
                ? $"; with it the market's exposure ({market.Exposure.ToString("0.##", c)} {info.QuoteCurrency}) is at or above its cap " +
                  $"({market.CapitalCap.ToString("0.##", c)}), so every buy will be refused"
                : "; it counts toward the market's exposure cap, so it leaves less room for buys";
            hints.Add($"{info.Symbol}: the account holds {idle.ToString(c)} {info.BaseCurrency} (about {value.ToString("0.##", c)} {info.QuoteCurrency}) " +
                      $"that the grid will not sell, because {setting} is false{cap}. Set {setting} to true to let the grid sell it, or move it off the account.");
        }

        return hints;
    }
}
