using System.Security.Cryptography;
using System.Text;

namespace GridTrader.Hosting;

/// <summary>
/// The dashboard token: generated on first start, stored in the data directory (readable by the owner only) and
/// printed once. Mutating API calls (and every call when bound beyond loopback) must present it.
/// </summary>
internal static class DashboardToken
{
    public const string HeaderName = "X-GridTrader-Token";

    /// <summary>Returns the stored token, creating it when missing; <paramref name="created"/> tells whether it is new.</summary>
    public static string LoadOrCreate(DataPaths paths, out bool created)
    {
        created = false;
        if (File.Exists(paths.TokenFile))
        {
            var existing = File.ReadAllText(paths.TokenFile).Trim();
            if (existing.Length >= 32) return existing;
        }

        Directory.CreateDirectory(paths.Root);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(paths.TokenFile, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }

        created = true;
        return token;
    }

    /// <summary>Reads the token without creating one (CLI side); null when the bot never started here.</summary>
    public static string? TryRead(DataPaths paths) => File.Exists(paths.TokenFile) ? File.ReadAllText(paths.TokenFile).Trim() : null;

    /// <summary>Constant-time comparison.</summary>
    public static bool Matches(string expected, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented.Trim()));
}
