namespace GridTrader.Storage.Schema;

/// <summary>One step of the schema. Applied scripts are frozen: a change is a new migration, never an edit.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
