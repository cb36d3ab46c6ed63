namespace GridTrader.Tests.Shared;

/// <summary>Locates the repository's shipped sample data and, when present, the larger full data set.</summary>
internal static class TestRepository
{
    private const string FullDataVariable = "GRIDTRADER_FULL_DATA";

    /// <summary>The folder holding GridTrader.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file under the repository's <c>data/</c> folder; these ship with the clone.</summary>
    public static string SampleData(string fileName) => Path.Combine(Root, "data", fileName);

    /// <summary>
    /// A file from the full candle collection, or null when it is not on this machine. The folder is
    /// <c>$GRIDTRADER_FULL_DATA</c>, otherwise a <c>shared/data</c> folder beside the repository
    /// or one of its parents.
    /// </summary>
    public static string? FullData(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable(FullDataVariable);
        for (var dir = new DirectoryInfo(Root); folder is null && dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) folder = candidate;
        }

        var path = folder is null ? null : Path.Combine(folder, fileName);
        return path is not null && File.Exists(path) ? path : null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridTrader.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No GridTrader.sln above {AppContext.BaseDirectory}.");
    }
}
