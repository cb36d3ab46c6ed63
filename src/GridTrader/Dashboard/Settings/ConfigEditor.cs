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
/// Validates proposed configurations and saves accepted ones to the file the run was started from. The proposal is an
/// edited copy of <see cref="ConfigDocument.ConfigText"/> (the effective configuration); only what the person changed in
/// it is applied to the file (<see cref="JsonEdit"/>, <see cref="JsonTextPatch"/>): keys they did not touch keep their
/// text and comments, a market's <c>Grid</c> block stays an override of the keys written in it (so later global Grid edits
/// still reach that market), and values that come from <c>GridTrader__*</c> variables of the environment or <c>.env</c>
/// are never written. The merged file is validated as a whole, through the normal loader (fee floor per market, secret
/// keys refused), before anything is written. Nothing is applied to the running bot: grid, risk and exchange settings
/// feed state that was built at start-up (grids, capital per market, open orders), so swapping them mid-run could leave
/// orders that no setting explains. Every saved change takes effect at the next start, and the dashboard lists them
/// until then.
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

    public ConfigCheck Validate(string proposedJson)
    {
        lock (_lock) return Check(proposedJson).Check;
    }

    /// <summary>Validates, then writes the merged file atomically (keeping a <c>.bak</c>); returns the HTTP status and the result.</summary>
    public (int Status, ConfigApplyResult Result) Apply(string proposedJson)
    {
        lock (_lock)
        {
            var (check, merged, edits) = Check(proposedJson);
            if (!check.Valid)
                return (StatusCodes.Status422UnprocessableEntity, Refused("The configuration has errors; nothing was written.", check));
            if (!Editable)
                return (StatusCodes.Status409Conflict,
                    Refused("This run uses the embedded default configuration: there is no file to write. Start it with --config <file>.", check));
            if (edits is null || merged is null) return (StatusCodes.Status200OK, Refused("Nothing changed.", check));

            var path = running.Source;
            var backup = path + ".bak";
            File.Copy(path, backup, overwrite: true);
            AtomicFile.Write(path, merged);
            foreach (var change in check.Diff)
            {
                var from = _pending.TryGetValue(change.Path, out var earlier) ? earlier.From : change.From;
                if (from == change.To) _pending.Remove(change.Path);
                else _pending[change.Path] = change with { From = from };
            }

            var written = edits.Paths().Count();
            return (StatusCodes.Status200OK, new ConfigApplyResult(true, path, backup, true,
                $"Saved {written} edited setting(s) to {path} ({check.Diff.Count} effective change(s)). {RestartNote}", check.Problems, check.Diff));
        }
    }

    private static ConfigApplyResult Refused(string message, ConfigCheck check) =>
        new(false, null, null, false, message, check.Problems, check.Diff);

    /// <summary>
    /// The person's edits (the proposal against the effective configuration they were shown), the file text with only those
    /// applied, and that text loaded and validated as the next start would load it. Diff: the effective settings that change.
    /// </summary>
    private (ConfigCheck Check, string? Merged, JsonEdit? Edits) Check(string proposedJson)
    {
        JsonObject? proposed = null;
        try
        {
            proposed = JsonNode.Parse(proposedJson, documentOptions: FileOptions) as JsonObject;
        }
        catch (JsonException)
        {
            // The loader reports it with the parser's message.
        }

        if (proposed is null || !proposed.Any(kv => kv.Key.Equals(GridTraderOptions.SectionName, StringComparison.OrdinalIgnoreCase)))
        {
            var loaded = load(proposedJson);
            var problems = loaded.Problems.Where(p => p.Path == "(json)").ToList();
            if (problems.Count == 0)
                problems.Add(new ConfigProblem(GridTraderOptions.SectionName, $"the document needs a \"{GridTraderOptions.SectionName}\" object, like the one shown."));
            return (new ConfigCheck(false, problems.Select(ProblemRow.From).ToList(), []), null, null);
        }

        var edits = JsonEdit.Between(ConfigJson.ToDocument(running.Options), proposed);
        var refused = Refusals(edits).ToList();
        string merged;
        try
        {
            merged = JsonTextPatch.Apply(BaseText(), edits);
        }
        catch (JsonException ex)
        {
            refused.Add(new ConfigProblem("--config", $"{running.Source} can no longer be read as JSON ({ex.Message}); fix or restore it first."));
            return (new ConfigCheck(false, refused.Select(ProblemRow.From).ToList(), []), null, edits);
        }

        var result = load(merged);
        var diff = ConfigJson.Diff(ConfigJson.ToDocument(running.Options), ConfigJson.ToDocument(result.Options));
        var all = refused.Concat(result.Problems).ToList();
        return (new ConfigCheck(!all.Any(p => !p.IsWarning), all.Select(ProblemRow.From).ToList(), diff), edits is null ? null : merged, edits);
    }

    /// <summary>The text the edits apply to: the file as it is now, or (for a run without one) the configuration shown.</summary>
    private string BaseText() =>
        Editable ? File.ReadAllText(running.Source) : ConfigJson.Write(ConfigJson.ToDocument(running.Options));

    /// <summary>Edits that are not the file's to make: keys outside the GridTrader section, and keys the environment sets.</summary>
    private IEnumerable<ConfigProblem> Refusals(JsonEdit? edits)
    {
        if (edits is null) yield break;
        foreach (var path in edits.Paths())
        {
            if (!path.Equals(GridTraderOptions.SectionName, StringComparison.OrdinalIgnoreCase)
                && !path.StartsWith(GridTraderOptions.SectionName + ":", StringComparison.OrdinalIgnoreCase))
            {
                yield return new ConfigProblem(path, $"only the {GridTraderOptions.SectionName} section can be edited here.");
                continue;
            }

            var variable = running.EnvironmentKeys.FirstOrDefault(k => k.Equals(path, StringComparison.OrdinalIgnoreCase)
                || k.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase) || path.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase));
            if (variable is not null)
            {
                yield return new ConfigProblem(path,
                    $"is set by the environment variable {variable.Replace(":", "__", StringComparison.Ordinal)} (or .env), which overrides the file: change it there.");
            }
        }
    }
}
