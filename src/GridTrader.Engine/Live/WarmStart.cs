namespace GridTrader.Engine.Live;

/// <summary>Constants of the warm start (<see cref="CandleHistory"/>) that <c>doctor</c> uses too.</summary>
public static class WarmStart
{
    /// <summary>Public trades a warm start asks Firi for: it answers as many as it keeps.</summary>
    public const int FiriTrades = 2000;
}
