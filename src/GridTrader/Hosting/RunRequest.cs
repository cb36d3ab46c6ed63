using GridTrader.Configuration;
using GridTrader.Core.Configuration;

namespace GridTrader.Hosting;

/// <summary>
/// What <c>run</c> was asked to do: the configuration plus the command line's overrides. <paramref name="Fresh"/> archives
/// the mode's state before starting (always done for simulated runs; refused for live).
/// </summary>
internal sealed record RunRequest(LoadedConfig Config, string? Exchange, string? FiriUrl, bool LiveConfirmed, double? CandlesPerSecond = null,
    bool Fresh = false)
{
    /// <summary><c>--reference-url</c>: the reference candle source instead of <c>Reference:Url</c>; empty or <c>off</c> turns it off.</summary>
    public string? ReferenceUrl { get; init; }
}

/// <summary>The trading mode a run resolves to.</summary>
internal enum RunMode
{
    /// <summary>The built-in simulated exchange replaying a candle file.</summary>
    Simulated,
    /// <summary>Real Firi market data, simulated orders; no private endpoint is ever called.</summary>
    Paper,
    /// <summary>Real orders on Firi.</summary>
    Live,
}

internal static class RunModes
{
    public static string Name(this RunMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Parses <c>simulated</c>, <c>paper</c> or <c>live</c> (any case).</summary>
    public static bool TryParse(string? text, out RunMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case TradingModes.Simulated: mode = RunMode.Simulated; return true;
            case TradingModes.Paper: mode = RunMode.Paper; return true;
            case TradingModes.Live: mode = RunMode.Live; return true;
            default: mode = RunMode.Simulated; return false;
        }
    }
}
