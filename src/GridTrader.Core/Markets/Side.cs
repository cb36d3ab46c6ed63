namespace GridTrader.Core.Markets;

/// <summary>Order side. Firi calls a buy a <c>bid</c> and a sell an <c>ask</c>.</summary>
public enum Side
{
    Buy = 0,
    Sell = 1,
}

public static class SideExtensions
{
    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    public static string ToWire(this Side side) => side == Side.Buy ? "bid" : "ask";

    public static bool TryParseWire(string? value, out Side side)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "BID" or "BUY":
                side = Side.Buy;
                return true;
            case "ASK" or "SELL":
                side = Side.Sell;
                return true;
            default:
                side = default;
                return false;
        }
    }
}
