using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Dashboard.Settings;
using GridTrader.Integration.Tests.Support;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>
/// The settings editor writes only what the person changed onto the file the run started from: untouched keys keep their
/// text and comments, environment values are never written, a market's Grid block stays an override, and the merged file
/// is validated as the next start will load it (fee floor per market included).
/// </summary>
public sealed class ConfigEditorTests : IDisposable
{
    private const string File0 = """
        {
          // Test bot: BTC overrides only its number of levels.
          "GridTrader": {
            "Mode": "simulated",
            "DataDirectory": "data",
            "Markets": [
              { "Symbol": "BTCNOK", "CapitalFraction": 0.2, "CandleInterval": "1m", "Grid": { "Levels": 8 } } // fewer levels on BTC
            ],
            "Grid": { "Levels": 10, "SpacingMode": "FixedPercent", "SpacingPct": 1.5, "TrendFilterEnabled": false },
            "Risk": { "DryRun": true },
            "Dashboard": { "Enabled": false }
          }
        }
        """;

    private static readonly Dictionary<string, string?> DryRunOff = new() { ["GridTrader__Risk__DryRun"] = "false" };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (ConfigEditor Editor, string Path) Editor(IDictionary<string, string?>? environment = null, string text = File0)
    {
        environment ??= new Dictionary<string, string?>();
        var path = System.IO.Path.Combine(_temp.Path, "bot.json");
        File.WriteAllText(path, text);
        var running = ConfigLoader.Load(path, environment: environment);
        Assert.False(running.HasErrors, string.Join("; ", running.Errors));
        return (new ConfigEditor(running, json => ConfigLoader.LoadJson(json, "proposed", environment: environment)), path);
    }

    /// <summary>The configuration text the dashboard shows, edited as a person would edit it.</summary>
    private static string Edited(ConfigEditor editor, Action<JsonObject> edit)
    {
        var document = JsonNode.Parse(editor.Document().ConfigText)!.AsObject();
        edit(document["GridTrader"]!.AsObject());
        return ConfigJson.Write(document);
    }

    [Fact]
    public void Apply_RunWithAnEnvironmentOverride_WritesOnlyTheEditAndKeepsEveryOtherByte()
    {
        var (editor, path) = Editor(DryRunOff);
        Assert.False(editor.Document().Config["GridTrader"]!["Risk"]!["DryRun"]!.GetValue<bool>(), "the editor shows the effective value");

        var (status, result) = editor.Apply(Edited(editor, g => g["Grid"]!["SpacingPct"] = 1.6m));

        Assert.True(status == 200 && result.Applied, result.Message);
        Assert.Equal(File0.Replace("\"SpacingPct\": 1.5,", "\"SpacingPct\": 1.6,", StringComparison.Ordinal), File.ReadAllText(path));
        Assert.Equal(File0, File.ReadAllText(path + ".bak"));
    }

    [Fact]
    public void Apply_EditOfAKeyTheEnvironmentSets_RefusedNamingTheVariable()
    {
        var (editor, path) = Editor(DryRunOff);

        var (status, result) = editor.Apply(Edited(editor, g => g["Risk"]!["DryRun"] = true));

        Assert.Equal(422, status);
        Assert.Contains(result.Problems, p => p.Path == "GridTrader:Risk:DryRun" && p.Message.Contains("GridTrader__Risk__DryRun", StringComparison.Ordinal));
        Assert.Equal(File0, File.ReadAllText(path));
    }

    [Fact]
    public void Apply_PerMarketFeeBelowTheFeeFloor_Refused()
    {
        var (editor, path) = Editor();

        var (status, result) = editor.Apply(Edited(editor, g => g["Markets"]![0]!["Grid"]!["FeeRate"] = 0.009m));

        Assert.Equal(422, status);
        Assert.Contains(result.Problems, p => p.Path == "GridTrader:Markets:0:Grid:SpacingPct" && p.Severity == "error");
        Assert.Equal(File0, File.ReadAllText(path));
    }

    [Fact]
    public void Apply_ExchangeFeeRaisedBelowTheFloor_ReachesTheMarketGridsAndIsRefused()
    {
        var (editor, path) = Editor();

        var (status, result) = editor.Apply(Edited(editor, g => g["Exchange"]!["FeeRate"] = 0.009m));

        Assert.Equal(422, status);
        Assert.Contains(result.Problems, p => p.Path == "GridTrader:Grid:SpacingPct");
        Assert.Contains(result.Problems, p => p.Path == "GridTrader:Markets:0:Grid:SpacingPct");
        Assert.Equal(File0, File.ReadAllText(path));
    }

    [Fact]
    public void Apply_GlobalGridEdit_StillReachesAMarketThatOverridesOnlyLevels()
    {
        var (editor, path) = Editor();

        var (status, result) = editor.Apply(Edited(editor, g => g["Grid"]!["SpacingPct"] = 2m));

        Assert.True(status == 200 && result.Applied, result.Message);
        var file = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        Assert.Equal("""{"Levels":8}""", file["GridTrader"]!["Markets"]![0]!["Grid"]!.ToJsonString());
        var next = ConfigLoader.Load(path, environment: new Dictionary<string, string?>());
        Assert.Equal(2m, next.Options.Markets[0].Grid!.SpacingPct);
        Assert.Equal(8, next.Options.Markets[0].Grid!.Levels);
        Assert.Contains(result.Diff, c => c.Path == "GridTrader:Markets:0:Grid:SpacingPct" && c.To == "2");
    }

    [Fact]
    public void Apply_PerMarketEditOfAMarketWithoutGrid_AddsOnlyThatKey()
    {
        var (editor, path) = Editor(text: File0.Replace(", \"Grid\": { \"Levels\": 8 }", "", StringComparison.Ordinal));

        var (status, result) = editor.Apply(Edited(editor, g => g["Markets"]![0]!["Grid"]!["SpacingPct"] = 2.5m));

        Assert.True(status == 200 && result.Applied, result.Message);
        var file = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        Assert.Equal("""{"SpacingPct":2.5}""", file["GridTrader"]!["Markets"]![0]!["Grid"]!.ToJsonString());
        Assert.Contains("// fewer levels on BTC", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SecretTypedIntoTheEdit_RefusedAndNeverWritten()
    {
        var (editor, path) = Editor();

        var (status, result) = editor.Apply(Edited(editor, g => g["Exchange"]!["ApiKey"] = "typed-secret-123"));

        Assert.Equal(422, status);
        Assert.Contains(result.Problems, p => p.Path.EndsWith("ApiKey", StringComparison.Ordinal));
        Assert.DoesNotContain("typed-secret-123", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_TextAsShown_NothingChangedAndNothingWritten()
    {
        var (editor, path) = Editor(DryRunOff);

        var (status, result) = editor.Apply(editor.Document().ConfigText);

        Assert.Equal(200, status);
        Assert.False(result.Applied);
        Assert.False(File.Exists(path + ".bak"));
    }
}
