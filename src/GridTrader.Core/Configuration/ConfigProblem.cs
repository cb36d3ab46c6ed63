namespace GridTrader.Core.Configuration;

/// <summary>One configuration problem, with the path of the offending key (e.g. <c>GridTrader:Markets:0:Symbol</c>).</summary>
public sealed record ConfigProblem(string Path, string Message, bool IsWarning = false)
{
    public override string ToString() => $"{(IsWarning ? "warning" : "error")}: {Path}: {Message}";
}
