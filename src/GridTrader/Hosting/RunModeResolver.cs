using GridTrader.Core.Configuration;

namespace GridTrader.Hosting;

/// <summary>
/// Decides simulated, paper or live from the configuration and the command line. Real orders need all of: the Firi
/// exchange, <c>--live</c>, credentials in the environment, and <c>Risk:DryRun=false</c>. Anything less is paper.
/// </summary>
internal static class RunModeResolver
{
    public static (RunMode Mode, string? Error, string? Warning) Resolve(RunRequest request)
    {
        var options = request.Config.Options;
        var exchange = (request.Exchange ?? (options.Mode == TradingModes.Simulated ? "simulated" : "firi")).ToLowerInvariant();
        if (exchange is not ("simulated" or "firi"))
            return (RunMode.Simulated, $"--exchange must be simulated or firi (got '{request.Exchange}').", null);
        if (exchange == "simulated")
        {
            return request.LiveConfirmed
                ? (RunMode.Simulated, "--live cannot be combined with the simulated exchange.", null)
                : (RunMode.Simulated, null, null);
        }

        if (options.Mode == TradingModes.Live && !request.LiveConfirmed)
            return (RunMode.Paper, "Mode is live: add --live to confirm trading with real money (or set Mode to paper).", null);
        if (!request.LiveConfirmed) return (RunMode.Paper, null, null);
        if (!request.Config.Secrets.HasFiriCredentials)
            return (RunMode.Paper, "--live needs FIRI_CLIENT_ID and FIRI_SECRET_KEY in the environment or .env.", null);
        if (options.Risk.DryRun)
            return (RunMode.Paper, null, "Risk:DryRun is true: running on live market data with simulated orders (paper). Set it to false to trade.");
        return (RunMode.Live, null, null);
    }
}
