using System.Globalization;
using System.Text.Json.Nodes;

namespace GridTrader.Dashboard.Settings;

/// <summary>
/// What a person changed between two JSON documents, as a tree: set a value (a new or changed leaf, or a subtree that did
/// not exist), remove a node, or edit some children of a container. Untouched parts of the document do not appear, so
/// applying it to another document (the configuration file) changes only what the person changed.
/// </summary>
internal abstract record JsonEdit
{
    /// <summary>The edit from <paramref name="before"/> to <paramref name="after"/>, or null when they are equal.</summary>
    public static JsonEdit? Between(JsonNode? before, JsonNode? after)
    {
        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
            {
                var children = new List<KeyValuePair<string, JsonEdit>>();
                foreach (var (key, value) in a)
                {
                    var existing = b.FirstOrDefault(kv => kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
                    if (existing.Key is null) children.Add(new(key, new SetValue(value?.DeepClone())));
                    else if (Between(existing.Value, value) is { } edit) children.Add(new(existing.Key, edit));
                }

                foreach (var (key, _) in b)
                {
                    if (!a.Any(kv => kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase))) children.Add(new(key, new RemoveNode()));
                }

                return children.Count == 0 ? null : new EditChildren(children, IsArray: false);
            }

            case (JsonArray b, JsonArray a):
            {
                var children = new List<KeyValuePair<string, JsonEdit>>();
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    var key = i.ToString(CultureInfo.InvariantCulture);
                    if (i >= b.Count) children.Add(new(key, new SetValue(a[i]?.DeepClone())));
                    else if (i >= a.Count) children.Add(new(key, new RemoveNode()));
                    else if (Between(b[i], a[i]) is { } edit) children.Add(new(key, edit));
                }

                return children.Count == 0 ? null : new EditChildren(children, IsArray: true);
            }

            default:
                return JsonNode.DeepEquals(before, after) ? null : new SetValue(after?.DeepClone());
        }
    }

    /// <summary>Every changed key as a configuration path (<c>GridTrader:Risk:DryRun</c>), with what happens to it.</summary>
    public IEnumerable<string> Paths(string prefix = "")
    {
        if (this is not EditChildren edit)
        {
            yield return prefix;
            yield break;
        }

        foreach (var (key, child) in edit.Children)
        {
            foreach (var path in child.Paths(prefix.Length == 0 ? key : prefix + ":" + key)) yield return path;
        }
    }

    /// <summary>Applies this edit to a node (a copy of it is changed); for a node that is missing or of another kind, builds one from the edit.</summary>
    public JsonNode? ApplyTo(JsonNode? node)
    {
        switch (this)
        {
            case SetValue set:
                return set.Value?.DeepClone();
            case EditChildren { IsArray: false } edit when node is JsonObject obj:
            {
                var copy = (JsonObject)obj.DeepClone();
                foreach (var (key, child) in edit.Children)
                {
                    var existing = copy.FirstOrDefault(kv => kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Key;
                    if (child is RemoveNode)
                    {
                        if (existing is not null) copy.Remove(existing);
                        continue;
                    }

                    var name = existing ?? key;
                    copy[name] = child.ApplyTo(existing is null ? null : copy[existing]);
                }

                return copy;
            }

            case EditChildren { IsArray: true } edit when node is JsonArray array:
            {
                var items = array.Select(n => n?.DeepClone()).ToList();
                var removed = new List<int>();
                foreach (var (key, child) in edit.Children)
                {
                    var index = int.Parse(key, CultureInfo.InvariantCulture);
                    if (child is RemoveNode) removed.Add(index);
                    else if (index < items.Count) items[index] = child.ApplyTo(items[index]);
                    else items.Add(child.ApplyTo(null));
                }

                foreach (var index in removed.Where(i => i < items.Count).OrderDescending()) items.RemoveAt(index);
                return new JsonArray([.. items]);
            }

            case EditChildren edit:
                return edit.Build();
            default:
                return node?.DeepClone();
        }
    }
}

/// <summary>Sets a value (or a whole new subtree).</summary>
internal sealed record SetValue(JsonNode? Value) : JsonEdit;

/// <summary>Removes the node.</summary>
internal sealed record RemoveNode : JsonEdit;

/// <summary>Edits some children of an object (keys) or an array (indexes as keys).</summary>
internal sealed record EditChildren(IReadOnlyList<KeyValuePair<string, JsonEdit>> Children, bool IsArray) : JsonEdit
{
    /// <summary>A container holding only what this edit sets: what a missing container becomes.</summary>
    public JsonNode Build() => ApplyTo(IsArray ? new JsonArray() : new JsonObject())!;
}
