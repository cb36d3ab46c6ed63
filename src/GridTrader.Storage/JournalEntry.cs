namespace GridTrader.Storage;

/// <summary>One journaled event, as appended by the engine.</summary>
public sealed record JournalEntry(long Id, DateTimeOffset Time, string Name, string? Market, string Message);
