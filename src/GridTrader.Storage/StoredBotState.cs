using GridTrader.Core.Risk;

namespace GridTrader.Storage;

/// <summary>
/// The bot state as last persisted and the transitions that led there (oldest first). A database that never saw a
/// transition reports <see cref="BotState.Stopped"/>.
/// </summary>
public sealed record StoredBotState(BotState Current, DateTimeOffset? Since, IReadOnlyList<BotStateTransition> History);
