using GridTrader.Configuration;

namespace GridTrader.Hosting;

/// <summary>What <c>run</c> was asked to do: the configuration plus the command line's overrides.</summary>
internal sealed record RunRequest(LoadedConfig Config, string? Exchange, string? FiriUrl, bool LiveConfirmed, double? CandlesPerSecond = null)
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
