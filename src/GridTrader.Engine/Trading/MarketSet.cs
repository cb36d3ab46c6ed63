using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Trading;

/// <summary>The markets an engine trades, by symbol (case-insensitive) and in the order they were added.</summary>
public sealed class MarketSet
{
    private readonly Dictionary<string, MarketSlot> _bySymbol = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MarketSlot> _list = [];

    /// <summary>Every market, in the order added (the order equity and snapshots list them in).</summary>
    public IReadOnlyList<MarketSlot> All => _list;

    public MarketSlot Add(MarketInfo info, GridStrategy strategy, CapitalBasis? capital = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        var slot = new MarketSlot(info, strategy, capital);
        _bySymbol.Add(info.Symbol, slot);
        _list.Add(slot);
        return slot;
    }

    /// <summary>Stops trading a market (its orders must already be settled); false when it was not traded.</summary>
    public bool Remove(string symbol)
    {
        if (!_bySymbol.Remove(symbol, out var slot)) return false;
        _list.Remove(slot);
        return true;
    }

    /// <summary>The market of <paramref name="symbol"/>, or null when the engine does not trade it.</summary>
    public MarketSlot? Find(string symbol) => _bySymbol.GetValueOrDefault(symbol);
}
