using System.Globalization;
using GridTrader.Configuration;
using GridTrader.Core.Accounting;
using GridTrader.Core.Configuration;
using GridTrader.Core.Grid;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.Hosting;

namespace GridTrader.Doctor;

/// <summary>
/// <c>doctor</c>'s checks against Firi: reachable and its clock, the key (a signed read, live only), the markets and
/// their precision, balances for every planned order, and the request rate polling will use.
/// </summary>
internal sealed class ExchangeChecks(LoadedConfig config, FiriClient firi, Uri firiUrl, bool live, TimeProvider time)
{
    /// <summary>Above this the clock check fails: reconciliation and candle times compare the two clocks.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(5);

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private GridTraderOptions Options => config.Options;

    /// <summary>Last prices by market, once <see cref="MarketsAsync"/> has read them.</summary>
    public Dictionary<string, decimal> Prices { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task<(DoctorCheck Connection, DoctorCheck? Clock)> ConnectionAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var answer = await firi.GetServerTimeAsync(ct);
        var ms = (long)time.GetElapsedTime(started).TotalMilliseconds;
        if (!answer.IsSuccess)
            return (DoctorCheck.Fail("firi", $"{firiUrl} did not answer GET /time ({answer.Error}): check the network, Exchange:BaseUrl or --firi-url."), null);

        var connection = DoctorCheck.Pass("firi", string.Create(C, $"{firiUrl} answered GET /time in {ms} ms."));
        var offset = firi.ClockOffset;
        var seconds = Math.Abs(offset.TotalSeconds);
        var how = string.Create(C, $"the local clock is {seconds:0.0} s {(offset > TimeSpan.Zero ? "behind" : "ahead of")} Firi's");
        var clock = offset.Duration() > MaxSkew
            ? DoctorCheck.Fail("clock skew", $"{how}: turn on time synchronisation (timedatectl set-ntp true, or chrony); "
                + "order reconciliation and candle times compare the two clocks.")
            : DoctorCheck.Pass("clock skew", string.Create(C, $"{how} (measured to about a second; at most {MaxSkew.TotalSeconds:0} s passes)."),
                offset.Duration() > TimeSpan.FromSeconds(2) ? $"{how}: consider turning on time synchronisation." : null);
        return (connection, clock);
    }

    /// <summary>A signed read (<c>GET /v2/balances</c>) with the key; returns the balances for the balance check.</summary>
    public async Task<(DoctorCheck Check, IReadOnlyList<Balance>? Balances)> KeyAsync(CancellationToken ct)
    {
        const string name = "api key";
        if (!live)
        {
            return (DoctorCheck.Pass(name, "paper mode: no private endpoint is used.",
                config.Secrets.HasFiriCredentials ? "the key is not checked without --live." : null), null);
        }

        if (!config.Secrets.HasFiriCredentials)
            return (DoctorCheck.Fail(name, $"--live needs {Secrets.ClientIdVariable} and {Secrets.SecretKeyVariable} in the environment or .env."), null);
        var balances = await firi.GetBalancesAsync(ct);
        if (balances.IsSuccess)
        {
            return (DoctorCheck.Pass(name, $"a signed read (GET /v2/balances) was accepted: {balances.Value.Count} currencies.",
                "a read cannot show whether the key may trade: give it read and trade rights."), balances.Value);
        }

        var fix = balances.Error.Kind switch
        {
            ExchangeErrorKind.InvalidSignature => $"Firi refused the signature: check {Secrets.SecretKeyVariable} (and {Secrets.ClientIdVariable}).",
            ExchangeErrorKind.ExpiredSignature => "the signature expired on arrival: synchronise the clock.",
            ExchangeErrorKind.Unauthorized => $"Firi does not know the key: check {Secrets.ClientIdVariable} and {Secrets.ApiKeyVariable}.",
            ExchangeErrorKind.SecurityLevelTooLow => "the key lacks rights: give it read and trade.",
            _ => "try again; check the network.",
        };
        return (DoctorCheck.Fail(name, $"GET /v2/balances failed ({balances.Error}): {fix}"), null);
    }

    public async Task<DoctorCheck> MarketsAsync(CancellationToken ct)
    {
        const string name = "markets";
        var markets = await firi.GetMarketsAsync(ct);
        if (!markets.IsSuccess) return DoctorCheck.Fail(name, $"GET /v2/markets failed ({markets.Error}).");
        var problems = new List<string>();
        var found = new List<string>();
        foreach (var (m, i) in Options.Markets.Select((m, i) => (m, i)).Where(x => x.m.Enabled))
        {
            var summary = markets.Value.FirstOrDefault(s => string.Equals(s.Market, m.Symbol, StringComparison.OrdinalIgnoreCase));
            if (summary is null)
            {
                problems.Add($"Firi has no market {m.Symbol}: check Markets:{i}:Symbol");
                continue;
            }

            Prices[m.Symbol] = summary.Last;
            var decimals = Decimals(summary.Last);
            if (decimals > m.PriceDecimals)
            {
                problems.Add($"Firi quotes {m.Symbol} with {decimals} decimals: set Markets:{i}:PriceDecimals to {decimals}");
                continue;
            }

            if (!(summary.Last > 0)) problems.Add($"{m.Symbol} has not traded (no last price): the grid has no price to plan around");
            var info = m.ToMarketInfo(Options);
            found.Add(string.Create(C, $"{m.Symbol} last {summary.Last} ({m.PriceDecimals} price and {m.AmountDecimals} amount decimals, minimum {info.MinAmount} {info.BaseCurrency} and {info.MinOrderValue} {info.QuoteCurrency})"));
        }

        return problems.Count > 0
            ? DoctorCheck.Fail(name, string.Join("; ", problems) + ".")
            : DoctorCheck.Pass(name, string.Join("; ", found) + ".");
    }

    /// <summary>
    /// Enough money for every order the grids place at the start: each market's planned buys (its budget split over the
    /// levels, never below the minimum order) plus the fee reserve, against the account (live) or the paper account.
    /// </summary>
    public DoctorCheck Balances(IReadOnlyList<Balance>? liveBalances)
    {
        const string name = "balances";
        if (live && liveBalances is null) return DoctorCheck.Fail(name, "not checked: the balances could not be read (see api key).");
        var account = new BalanceBook();
        var source = live ? "account" : "paper account (Simulation:InitialBalances)";
        account.Update(live
            ? liveBalances!
            : Options.Simulation.InitialBalances.Select(kv => new Balance(kv.Key.ToUpperInvariant(), kv.Value, 0m, kv.Value)), time.GetUtcNow());
        var markets = Options.Markets.Where(m => m.Enabled && Prices.ContainsKey(m.Symbol)).ToList();
        if (markets.Count == 0) return DoctorCheck.Fail(name, "not checked: no market price (see markets).");

        var equity = Portfolio.EquityOf(account, markets, m => m.ToMarketInfo(Options), m => Prices[m.Symbol]);
        var needQuote = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var lines = new List<string>();
        foreach (var m in markets)
        {
            var info = m.ToMarketInfo(Options);
            var grid = m.GridFor(Options);
            var price = Prices[m.Symbol];
            // The budget as the engine allocates it: a fixed InvestmentNok or a share of equity, within the per-market cap.
            var budget = m.Budget();
            var capital = CapitalAllocator.Allocate(budget, equity, Options.Risk.MaxCapitalPerMarket);
            var share = budget.InvestmentNok is { } nok
                ? string.Create(C, $"InvestmentNok {nok:0.##}")
                : string.Create(C, $"{budget.CapitalFraction:P0} of equity {equity:0.##}");
            // The narrowest spacing the settings allow: the plan with the most lines near the price.
            decimal? atr = grid.SpacingMode == SpacingMode.Atr ? grid.MinSpacingPct / 100m * price / grid.AtrMultiplier : null;
            var inventory = m.UseExistingBase ? account.Available(info.BaseCurrency) : 0m;
            var plan = GridPlanner.Plan(grid, info, price, atr, capital, inventory);
            var minimum = Math.Max(info.MinOrderValue, info.MinAmount * price) * grid.Levels * (1 + grid.FeeRate);
            if (!plan.IsSuccess)
            {
                problems.Add(string.Create(C,
                    $"{m.Symbol}: {capital:0.##} {info.QuoteCurrency} ({share}) is too little: {string.Join(" ", plan.Errors)} "
                    + $"{grid.Levels} levels need at least {minimum:0.##} {info.QuoteCurrency} with the fee reserve: deposit more, raise InvestmentNok or CapitalFraction, or lower Levels"));
                continue;
            }

            var buys = plan.Plan!.Orders.Where(o => o.Side == Core.Markets.Side.Buy).ToList();
            var need = buys.Sum(o => o.Value) * (1 + grid.FeeRate);
            needQuote[info.QuoteCurrency] = needQuote.GetValueOrDefault(info.QuoteCurrency) + need;
            lines.Add(string.Create(C, $"{m.Symbol}: {buys.Count} buys need {need:0.##} {info.QuoteCurrency} with the fee reserve (minimum for {grid.Levels} levels {minimum:0.##})"));
        }

        foreach (var (currency, need) in needQuote)
        {
            var available = account.Available(currency);
            if (available < need)
                problems.Add(string.Create(C, $"the planned buys need {need:0.##} {currency}, the {source} has {available:0.##}: deposit {need - available:0.##} {currency} or lower CapitalFraction"));
        }

        var have = string.Join(", ", needQuote.Keys.Select(c => string.Create(C, $"{account.Available(c):0.##} {c}")));
        return problems.Count > 0
            ? DoctorCheck.Fail(name, string.Join("; ", problems) + ".")
            : DoctorCheck.Pass(name, $"{source} has {have}; " + string.Join("; ", lines) + ".");
    }

    public DoctorCheck RequestRate()
    {
        var markets = Options.Markets.Count(m => m.Enabled);
        var plan = BotRuntime.PollingFor(Options, markets, live);
        return DoctorCheck.Pass("request rate", string.Create(C, $"{plan} against Firi's budget of {Options.Exchange.RequestsPerSecond} request/s (Exchange:RequestsPerSecond)."),
            plan.Stretch >= 2
                ? $"polling slowed to every {plan.TickerInterval.TotalSeconds.ToString("0.#", C)} s (×{plan.Stretch.ToString("0.#", C)}) to stay within the budget; fewer markets poll faster."
                : null);
    }

    private static int Decimals(decimal value)
    {
        var d = 0;
        while (value != decimal.Truncate(value) && d < 28)
        {
            value *= 10;
            d++;
        }

        return d;
    }
}
