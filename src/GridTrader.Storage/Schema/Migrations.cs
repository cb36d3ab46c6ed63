namespace GridTrader.Storage.Schema;

/// <summary>The schema's history, in order. A database at version N has had scripts 1..N applied.</summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "initial schema", """
            CREATE TABLE meta (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) WITHOUT ROWID;

            -- One row per order, from intent to end state. id is the local id, assigned before sending.
            CREATE TABLE orders (
                id            INTEGER PRIMARY KEY,
                exchange_id   INTEGER UNIQUE,
                market        TEXT    NOT NULL COLLATE NOCASE,
                side          TEXT    NOT NULL CHECK (side IN ('Buy', 'Sell')),
                price         TEXT    NOT NULL,
                amount        TEXT    NOT NULL,
                level         INTEGER NOT NULL,
                cell          INTEGER NOT NULL,
                epoch         INTEGER NOT NULL,
                state         TEXT    NOT NULL,
                filled        TEXT    NOT NULL,
                filled_value  TEXT    NOT NULL,
                cancelled     TEXT    NOT NULL,
                created_at    TEXT    NOT NULL,
                updated_at    TEXT    NOT NULL,
                submitted_at  TEXT,
                expires_at    TEXT,
                cancel_reason TEXT,
                reject_reason TEXT
            );
            CREATE INDEX orders_state ON orders (state);
            CREATE INDEX orders_market_created ON orders (market, created_at);

            -- Every state change of every order, in the order it was committed.
            CREATE TABLE order_events (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                order_id   INTEGER NOT NULL REFERENCES orders (id),
                from_state TEXT    NOT NULL,
                to_state   TEXT    NOT NULL,
                reason     TEXT,
                time       TEXT    NOT NULL
            );
            CREATE INDEX order_events_order ON order_events (order_id, id);

            -- A fill is keyed by its order and the order's cumulative matched amount after it (trailing zeros
            -- removed), so the same exchange snapshot can never be stored twice.
            CREATE TABLE fills (
                id                INTEGER PRIMARY KEY AUTOINCREMENT,
                order_id          INTEGER NOT NULL REFERENCES orders (id),
                cumulative_filled TEXT    NOT NULL,
                market            TEXT    NOT NULL COLLATE NOCASE,
                base_currency     TEXT    NOT NULL,
                quote_currency    TEXT    NOT NULL,
                side              TEXT    NOT NULL CHECK (side IN ('Buy', 'Sell')),
                price             TEXT    NOT NULL,
                amount            TEXT    NOT NULL,
                fee               TEXT    NOT NULL,
                fee_currency      TEXT    NOT NULL,
                time              TEXT    NOT NULL,
                level             INTEGER NOT NULL,
                UNIQUE (order_id, cumulative_filled)
            );
            CREATE INDEX fills_time ON fills (time);
            CREATE INDEX fills_market_time ON fills (market, time);

            CREATE TABLE grid_state (
                market     TEXT PRIMARY KEY COLLATE NOCASE,
                state_json TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE risk_state (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                state_json TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );

            CREATE TABLE bot_state_history (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                from_state TEXT NOT NULL,
                to_state   TEXT NOT NULL,
                reason     TEXT NOT NULL,
                time       TEXT NOT NULL
            );
            -- The current state is the last transition; a view keeps it from ever disagreeing with the history.
            CREATE VIEW bot_state AS
                SELECT to_state AS state, reason, time AS since FROM bot_state_history ORDER BY id DESC LIMIT 1;

            CREATE TABLE journal (
                id      INTEGER PRIMARY KEY AUTOINCREMENT,
                time    TEXT NOT NULL,
                name    TEXT NOT NULL,
                market  TEXT COLLATE NOCASE,
                message TEXT NOT NULL
            );
            CREATE INDEX journal_time ON journal (time);
            CREATE INDEX journal_name_time ON journal (name, time);

            CREATE TABLE candles (
                market       TEXT    NOT NULL COLLATE NOCASE,
                interval     TEXT    NOT NULL,
                open_time_ms INTEGER NOT NULL,
                open         TEXT    NOT NULL,
                high         TEXT    NOT NULL,
                low          TEXT    NOT NULL,
                close        TEXT    NOT NULL,
                volume       TEXT    NOT NULL,
                PRIMARY KEY (market, interval, open_time_ms)
            ) WITHOUT ROWID;

            -- History is append-only: what happened stays as it was recorded.
            CREATE TRIGGER order_events_append_only_update BEFORE UPDATE ON order_events
                BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;
            CREATE TRIGGER order_events_append_only_delete BEFORE DELETE ON order_events
                BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;
            CREATE TRIGGER fills_append_only_update BEFORE UPDATE ON fills
                BEGIN SELECT RAISE(ABORT, 'fills is append-only'); END;
            CREATE TRIGGER fills_append_only_delete BEFORE DELETE ON fills
                BEGIN SELECT RAISE(ABORT, 'fills is append-only'); END;
            CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
                BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
            CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
                BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
            """),
        new(2, "equity and P&L history", """
            -- The equity curve and the P&L series, one point per sample interval of engine time. Bounded: when the table
            -- outgrows its limit every other point is dropped, so the whole history stays, at a coarser resolution.
            CREATE TABLE pnl_history (
                time           TEXT PRIMARY KEY,
                equity         TEXT NOT NULL,
                buy_and_hold   TEXT NOT NULL,
                realized_pnl   TEXT NOT NULL,
                fees           TEXT NOT NULL,
                unrealized_pnl TEXT NOT NULL
            ) WITHOUT ROWID;

            -- Where the history starts: the first equity and prices seen, the reference of the buy-and-hold comparison.
            -- Written once; prices is SYMBOL=price;SYMBOL=price.
            CREATE TABLE pnl_baseline (
                id     INTEGER PRIMARY KEY CHECK (id = 1),
                time   TEXT NOT NULL,
                equity TEXT NOT NULL,
                prices TEXT NOT NULL
            );
            """),
        new(3, "paper account", """
            -- The simulated exchange account of a paper run (balances, orders with their ids, executions, id counters),
            -- replaced as a whole after every change, so a restarted paper bot finds the exchange it left.
            CREATE TABLE paper_account (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                state_json TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            """),
        // Every candle records where it came from (firi, reference, import, replay): a warm start borrows history from a
        // reference exchange, and status and the dashboard show how much. Candles stored before were built from Firi's
        // public trades (simulated runs start on a fresh database), hence the default.
        new(4, "candle source", """
            ALTER TABLE candles ADD COLUMN source TEXT NOT NULL DEFAULT 'firi';
            """),
    ];

    public static int LatestVersion => All[^1].Version;
}
