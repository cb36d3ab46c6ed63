using System.Text.Json.Serialization;

namespace GridTrader.Doctor;

/// <summary>
/// One line of <c>doctor</c>: what was checked, whether it passed, what was found (and, when it failed, the fix). A
/// mere warning (no notification channel) passes, with <see cref="Warning"/> saying what to improve.
/// </summary>
internal sealed record DoctorCheck(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("warning"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Warning = null)
{
    public static DoctorCheck Pass(string name, string detail, string? warning = null) => new(name, true, detail, warning);

    public static DoctorCheck Fail(string name, string detail) => new(name, false, detail);
}

/// <summary><c>doctor --json</c>: the checks as a list.</summary>
[JsonSerializable(typeof(IReadOnlyList<DoctorCheck>))]
internal sealed partial class DoctorJson : JsonSerializerContext;
