using GridTrader.Configuration;
using GridTrader.Dashboard.Settings;

namespace GridTrader.Integration.Tests.Dashboard;

public sealed class ConfigJsonTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void ToDocument_LoadedBackThroughTheLoader_IsValidAndChangesNothing()
    {
        var shipped = ConfigLoader.LoadJson(ConfigLoader.DefaultJson(), "default", environment: NoEnvironment);
        var document = ConfigJson.Write(ConfigJson.ToDocument(shipped.Options));

        var reloaded = ConfigLoader.LoadJson(document, "round trip", environment: NoEnvironment);

        Assert.False(reloaded.HasErrors, string.Join("; ", reloaded.Errors));
        Assert.Empty(ConfigJson.Diff(ConfigJson.ToDocument(shipped.Options), ConfigJson.ToDocument(reloaded.Options)));
    }

    [Fact]
    public void Diff_ChangedAddedAndRemovedSettings_ListsEachWithBothValues()
    {
        var current = System.Text.Json.Nodes.JsonNode.Parse("""{"A":{"B":1,"C":[{"D":"x"}]},"E":true}""");
        var proposed = System.Text.Json.Nodes.JsonNode.Parse("""{"A":{"B":2,"C":[{"D":"x"},{"D":"y"}]}}""");

        var diff = ConfigJson.Diff(current, proposed);

        Assert.Equal(
        [
            new ConfigChange("A:B", "1", "2"),
            new ConfigChange("E", "true", null),
            new ConfigChange("A:C:1:D", null, "\"y\""),
        ], diff);
    }

    [Fact]
    public void Editor_EmbeddedDefault_IsNotEditableAndApplyIsRefused()
    {
        var running = ConfigLoader.LoadJson(ConfigLoader.DefaultJson(), "embedded default", environment: NoEnvironment);
        var editor = new ConfigEditor(running, json => ConfigLoader.LoadJson(json, "proposed", environment: NoEnvironment));
        var edited = editor.Document().ConfigText.Replace("\"Levels\": 10,", "\"Levels\": 12,", StringComparison.Ordinal);

        var (status, result) = editor.Apply(edited);

        Assert.False(editor.Editable);
        Assert.Equal(409, status);
        Assert.False(result.Applied);
        Assert.Contains(result.Diff, c => c.Path == "GridTrader:Grid:Levels" && c.To == "12");
    }
}
