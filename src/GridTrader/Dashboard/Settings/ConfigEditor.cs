using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;

namespace GridTrader.Dashboard.Settings;

/// <summary>
/// <c>GET /api/config</c>: the effective configuration (no secret values), also as the text of a configuration file
/// (numbers exactly as the program holds them), its problems, and the changes saved for the next start.
/// </summary>
internal sealed record ConfigDocument(
    string Source,
    bool Editable,
    bool Valid,
    IReadOnlyList<ProblemRow> Problems,
    IReadOnlyDictionary<string, string> Secrets,
    JsonObject Config,
    string ConfigText,
    IReadOnlyList<ConfigChange> PendingRestart,
    string Note);

internal sealed record ProblemRow(string Path, string Message, string Severity)
{
    public static ProblemRow From(ConfigProblem p) => new(p.Path, p.Message, p.IsWarning ? "warning" : "error");
}

/// <summary><c>POST /api/config/validate</c>: what a proposed configuration would change and what is wrong with it.</summary>
internal sealed record ConfigCheck(bool Valid, IReadOnlyList<ProblemRow> Problems, IReadOnlyList<ConfigChange> Diff);

/// <summary><c>POST /api/config/apply</c>: whether the file was written, where, and what changed.</summary>
internal sealed record ConfigApplyResult(bool Applied, string? Path, string? Backup, bool RestartRequired, string Message,
    IReadOnlyList<ProblemRow> Problems, IReadOnlyList<ConfigChange> Diff);

/// <summary>
/// Validates proposed configurations and saves accepted ones to the file the run was started from. Nothing is applied
/// to the running bot: grid, risk and exchange settings feed state that was built at start-up (grids, capital per
/// market, open orders), so swapping them mid-run could leave orders that no setting explains. Every saved change
/// takes effect at the next start, and the dashboard lists them until then.
/// </summary>
internal sealed class ConfigEditor(LoadedConfig running, Func<string, LoadedConfig> load)
{
    public const string RestartNote =
        "Changes are saved to the configuration file and take effect when the bot is restarted; the running bot keeps its current settings. " +
        "GridTrader__* environment variables still override the file.";

    private static readonly JsonDocumentOptions FileOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ConfigChange> _pending = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the run was started from a configuration file that still exists (the embedded default cannot be edited).</summary>
    public bool Editable => Path.IsPathFullyQualified(running.Source) && File.Exists(running.Source);

    public ConfigDocument Document()
    {
        List<ConfigChange> pending;
        lock (_lock) pending = [.. _pending.Values];
        var config = ConfigJson.ToDocument(running.Options);
        return new ConfigDocument(running.Source, Editable, !running.HasErrors, running.Problems.Select(ProblemRow.From).ToList(),
            running.Secrets.Masked(), config, ConfigJson.Write(config), pending,
            Editable ? RestartNote : "This run uses the embedded default configuration; start it with --config <file> to edit settings here.");
    }

    public ConfigCheck Validate(string proposedJson) => Check(proposedJson).Check;

    private (ConfigCheck Check, JsonNode? Section) Check(string proposedJson)
    {
        var (proposed, section) = Load(proposedJson);
        var diff = section is JsonObject ? ConfigJson.Diff(ConfigJson.ToDocument(running.Options), ConfigJson.ToDocument(proposed.Options)) : [];
        return (new ConfigCheck(!proposed.HasErrors, proposed.Problems.Select(ProblemRow.From).ToList(), diff), section);
    }

    /// <summary>Validates, then writes the proposal atomically (keeping a <c>.bak</c>); returns the HTTP status and the result.</summary>
    public (int Status, ConfigApplyResult Result) Apply(string proposedJson)
    {
        var (check, section) = Check(proposedJson);
        if (!check.Valid)
            return (StatusCodes.Status422UnprocessableEntity, Refused("The configuration has errors; nothing was written.", check));
        if (!Editable)
            return (StatusCodes.Status409Conflict,
                Refused("This run uses the embedded default configuration: there is no file to write. Start it with --config <file>.", check));
        if (check.Diff.Count == 0) return (StatusCodes.Status200OK, Refused("Nothing changed.", check));

        var path = running.Source;
        lock (_lock)
        {
            var file = JsonNode.Parse(File.ReadAllText(path), documentOptions: FileOptions) as JsonObject ?? new JsonObject();
            // Other top-level sections of the file are kept; the GridTrader section is replaced as a whole.
            foreach (var key in file.Select(kv => kv.Key).Where(k => k.Equals(GridTraderOptions.SectionName, StringComparison.OrdinalIgnoreCase)).ToList())
                file.Remove(key);
            file[GridTraderOptions.SectionName] = section!.DeepClone();
            var backup = path + ".bak";
            File.Copy(path, backup, overwrite: true);
            AtomicFile.Write(path, ConfigJson.Write(file));
            foreach (var change in check.Diff)
            {
                var from = _pending.TryGetValue(change.Path, out var earlier) ? earlier.From : change.From;
                if (from == change.To) _pending.Remove(change.Path);
                else _pending[change.Path] = change with { From = from };
            }

            return (StatusCodes.Status200OK, new ConfigApplyResult(true, path, backup, true,
                $"Saved {check.Diff.Count} change(s) to {path}. {RestartNote}", check.Problems, check.Diff));
        }
    }

    private static ConfigApplyResult Refused(string message, ConfigCheck check) =>
        new(false, null, null, false, message, check.Problems, check.Diff);

    /// <summary>Loads the proposal through the normal loader; also returns its GridTrader section (null when the JSON is unusable).</summary>
    private (LoadedConfig Config, JsonNode? Section) Load(string json)
    {
        JsonNode? section = null;
        try
        {
            if (JsonNode.Parse(json, documentOptions: FileOptions) is JsonObject root)
                section = root.FirstOrDefault(kv => kv.Key.Equals(GridTraderOptions.SectionName, StringComparison.OrdinalIgnoreCase)).Value;
        }
        catch (JsonException)
        {
            // The loader reports it with the parser's message.
        }

        var loaded = load(json);
        if (section is not JsonObject && !loaded.Problems.Any(p => p.Path == "(json)"))
        {
            var problems = loaded.Problems.Append(new ConfigProblem(GridTraderOptions.SectionName,
                $"the document needs a \"{GridTraderOptions.SectionName}\" object, like the one shown.")).ToList();
            loaded = loaded with { Problems = problems };
        }

        return (loaded, section);
    }
}
