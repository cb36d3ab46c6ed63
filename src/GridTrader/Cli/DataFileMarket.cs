using System.Text.RegularExpressions;
using GridTrader.Core.Markets;

namespace GridTrader.Cli;

/// <summary>
/// What a candle file's name says it holds (<c>BTCUSDT-5m-2024.csv.gz</c>, <c>ETHUSDT_binance-spot_5m_….csv.gz</c>: BTC,
/// ETH), so a run on a market whose base differs is not silent about it.
/// </summary>
internal static partial class DataFileMarket
{
    [GeneratedRegex(@"^(?<base>[A-Z0-9]{2,10}?)(USDT|USDC|USD|NOK|EUR|BUSD)[-_.]", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    /// <summary>The base currency the file's name starts with; null when the name does not say.</summary>
    public static string? BaseOf(string path)
    {
        var match = NameRegex().Match(Path.GetFileName(path));
        return match.Success ? match.Groups["base"].Value : null;
    }

    /// <summary>A warning line when the file's name names another base than <paramref name="market"/>'s; null when they agree or the name does not say.</summary>
    public static string? Mismatch(string path, MarketInfo market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var named = BaseOf(path);
        return named is null || string.Equals(named, market.BaseCurrency, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"warning: {Path.GetFileName(path)} looks like {named} data, but the market run is {market.Symbol} ({market.BaseCurrency}); " +
              "name the file's market with --data FILE:MARKET.";
    }
}
