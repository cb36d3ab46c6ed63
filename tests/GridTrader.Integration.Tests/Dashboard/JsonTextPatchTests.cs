using System.Text.Json.Nodes;
using GridTrader.Dashboard.Settings;

namespace GridTrader.Integration.Tests.Dashboard;

public sealed class JsonTextPatchTests
{
    private static string Patch(string text, string before, string after) =>
        JsonTextPatch.Apply(text, JsonEdit.Between(JsonNode.Parse(before), JsonNode.Parse(after)));

    [Fact]
    public void Apply_ChangedLeaf_ReplacesOnlyItsValue()
    {
        const string text = "{ /* a */ \"A\": { \"B\": 1, // keep\n \"C\": \"x\" } }";

        var patched = Patch(text, """{"A":{"B":1,"C":"x"}}""", """{"A":{"B":2,"C":"x"}}""");

        Assert.Equal("{ /* a */ \"A\": { \"B\": 2, // keep\n \"C\": \"x\" } }", patched);
    }

    [Fact]
    public void Apply_KeyMissingInTheFile_AddedAfterItsSiblingsWithTheirIndent()
    {
        const string text = "{\n  \"A\": {\n    \"B\": 1 // one\n  }\n}";

        var patched = Patch(text, """{"A":{"B":1,"C":{"D":true,"E":1}}}""", """{"A":{"B":1,"C":{"D":false,"E":1}}}""");

        Assert.Equal("{\n  \"A\": {\n    \"B\": 1,\n    \"C\": {\n      \"D\": false\n    } // one\n  }\n}", patched);
        Assert.Equal("""{"A":{"B":1,"C":{"D":false}}}""", JsonNode.Parse(patched, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.ToJsonString());
    }

    [Fact]
    public void Apply_KeyRemoved_RewritesOnlyThatObject()
    {
        const string text = "{ // top\n\"A\": {\"B\": 1, \"C\": 2}, \"D\": 3 }";

        var patched = Patch(text, """{"A":{"B":1,"C":2},"D":3}""", """{"A":{"B":1},"D":3}""");

        Assert.StartsWith("{ // top\n\"A\": ", patched, StringComparison.Ordinal);
        Assert.EndsWith(", \"D\": 3 }", patched, StringComparison.Ordinal);
        Assert.Equal("""{"A":{"B":1},"D":3}""", JsonNode.Parse(patched, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.ToJsonString());
    }

    [Fact]
    public void Apply_NewArrayElement_Appended()
    {
        const string text = "{\"M\": [ {\"S\": \"BTCNOK\"} ]}";

        var patched = Patch(text, """{"M":[{"S":"BTCNOK"}]}""", """{"M":[{"S":"BTCNOK"},{"S":"ETHNOK"}]}""");

        Assert.Equal("""{"M":[{"S":"BTCNOK"},{"S":"ETHNOK"}]}""", JsonNode.Parse(patched)!.ToJsonString());
        Assert.StartsWith("{\"M\": [ {\"S\": \"BTCNOK\"},", patched, StringComparison.Ordinal);
    }
}
