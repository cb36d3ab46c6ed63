using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Storage.Serialization;
using GridTrader.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace GridTrader.Storage;

public sealed partial class SqliteStore
{
    public ValueTask SaveStrategyStateAsync(GridStrategyState state, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var updatedAt = Now();
        var json = StoreJson.Serialize(state);
        return WriteAsync(tx => UpsertStrategyState(tx, state.Market, json, updatedAt), ct);
    }

    private static void UpsertStrategyState(SqliteTransaction tx, string market, string json, string updatedAt) =>
        tx.Command("""
            INSERT INTO grid_state (market, state_json, updated_at) VALUES ($market, $json, $updated_at)
            ON CONFLICT (market) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at
            """).With("$market", market).With("$json", json).With("$updated_at", updatedAt)
            .Run();

    /// <summary>The last saved state of a market's grid, or null when none was saved.</summary>
    public ValueTask<GridStrategyState?> LoadStrategyStateAsync(string market, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(market);
        return ReadAsync(tx =>
            tx.Command("SELECT state_json FROM grid_state WHERE market = $market").With("$market", market).Scalar() is string json
                ? StoreJson.DeserializeStrategy(json)
                : null, ct);
    }

    public ValueTask SaveRiskStateAsync(RiskState state, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var updatedAt = Now();
        var json = StoreJson.Serialize(state);
        return WriteAsync(tx => tx.Command("""
            INSERT INTO risk_state (id, state_json, updated_at) VALUES (1, $json, $updated_at)
            ON CONFLICT (id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at
            """).With("$json", json).With("$updated_at", updatedAt).Run(), ct);
    }

    /// <summary>The last saved risk state (kill-switch, equity peak, pauses, breakers), or null before the first save.</summary>
    public ValueTask<RiskState?> LoadRiskStateAsync(CancellationToken ct = default) =>
        ReadAsync(tx => tx.Command("SELECT state_json FROM risk_state WHERE id = 1").Scalar() is string json
            ? StoreJson.DeserializeRisk(json)
            : null, ct);

    public ValueTask SaveBotStateAsync(BotStateTransition transition, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return WriteAsync(tx => tx.Command("""
            INSERT INTO bot_state_history (from_state, to_state, reason, time) VALUES ($from, $to, $reason, $time)
            """).With("$from", SqlText.Enum(transition.From)).With("$to", SqlText.Enum(transition.To))
            .With("$reason", transition.Reason).With("$time", SqlText.Time(transition.Time)).Run(), ct);
    }

    /// <summary>The current bot state and the last <paramref name="historyLimit"/> transitions, oldest first.</summary>
    public ValueTask<StoredBotState> LoadBotStateAsync(int historyLimit = 100, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(historyLimit);
        return ReadAsync(tx =>
        {
            var history = tx.Command("""
                SELECT from_state, to_state, reason, time FROM
                    (SELECT id, from_state, to_state, reason, time FROM bot_state_history ORDER BY id DESC LIMIT $limit)
                ORDER BY id
                """).With("$limit", historyLimit)
                .Query(r => new BotStateTransition(r.GetEnum<BotState>(0), r.GetEnum<BotState>(1), r.GetString(2), r.GetTime(3)));
            return history.Count > 0
                ? new StoredBotState(history[^1].To, history[^1].Time, history)
                : CurrentWithoutHistory(tx);
        }, ct);
    }

    /// <summary>With a zero history limit the current state still comes from the last transition.</summary>
    private static StoredBotState CurrentWithoutHistory(SqliteTransaction tx)
    {
        var current = tx.Command("SELECT state, since FROM bot_state")
            .Query(r => new StoredBotState(r.GetEnum<BotState>(0), r.GetTime(1), []));
        return current.Count > 0 ? current[0] : new StoredBotState(BotState.Stopped, null, []);
    }
}
