using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GridTrader.Configuration;
using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary><c>plan</c>: every order the grid would place at a price, and its net profit per round trip after fees.</summary>
internal static class PlanCommand
{
    // The matching engine's bounds: every price × amount × (1 + fee) of a grid within them fits a decimal.
    private const decimal MaxPrice = 1e14m;
    private const decimal MaxAmount = 1e12m;
    private const decimal MaxCapital = 1e18m;

    /// <summary>Equity of an account holding <paramref name="quote"/> and <paramref name="baseHeld"/>, by the portfolio's one equity rule.</summary>
    private static decimal StartingEquity(decimal quote, MarketInfo info, decimal baseHeld, decimal price)
    {
        var account = new BalanceBook();
        account.Update([new Balance(info.QuoteCurrency, quote, 0m, quote), new Balance(info.BaseCurrency, baseHeld, 0m, baseHeld)], DateTimeOffset.UnixEpoch);
        return Portfolio.EquityOf(account, [info], static m => m, _ => price);
    }

    public static Command Create()
    {
        var price = new Option<decimal>("--price") { Description = "Reference price (quote currency).", Required = true };
        var atr = new Option<decimal?>("--atr") { Description = "ATR in price units (needed when spacing is ATR-based)." };
        var market = new Option<string?>("--market") { Description = "Market symbol from the configuration (default: the first enabled)." };
        var capital = new Option<decimal?>("--capital") { Description = "Quote capital for the grid (default: the market's share of the starting equity: configured balance plus --base at --price)." };
        var inventory = new Option<decimal>("--base") { Description = "Base already held, offered on the sell side.", DefaultValueFactory = _ => 0m };
        var json = new Option<bool>("--json") { Description = "Print the plan as one JSON object." };
        var command = new Command("plan", "Show every order the grid would place and the net profit per round trip after fees.")
        {
            price, atr, market, capital, inventory, json,
        };
        command.SetAction(parse =>
        {
            // Problems go to standard error, so that --json leaves only the plan on standard output.
            var loaded = CommonOptions.LoadOrReport(parse, CommonOptions.Error(), quietWarnings: parse.GetValue(json));
            if (loaded is null) return CommonOptions.ExitInvalidInput;
            var options = loaded.Options;
            var m = options.Pick(parse.GetValue(market));
            if (m is null) return CommonOptions.Fail($"market '{parse.GetValue(market)}' is not in the configuration.");
            var p = parse.GetValue(price);
            if (p <= 0) return CommonOptions.Fail($"--price must be positive (got {p}).");
            if (p > MaxPrice) return CommonOptions.Fail($"--price {p} is too large: prices up to {MaxPrice:0} are supported.");
            var a = parse.GetValue(atr);
            if (a is <= 0) return CommonOptions.Fail($"--atr must be positive (got {a}).");
            if (a > MaxPrice) return CommonOptions.Fail($"--atr {a} is too large: up to {MaxPrice:0} is supported.");
            var baseHeld = parse.GetValue(inventory);
            if (baseHeld < 0) return CommonOptions.Fail($"--base cannot be negative (got {baseHeld}).");
            if (baseHeld > MaxAmount) return CommonOptions.Fail($"--base {baseHeld} is too large: up to {MaxAmount:0} is supported.");
            if (parse.GetValue(capital) > MaxCapital) return CommonOptions.Fail($"--capital {parse.GetValue(capital)} is too large: up to {MaxCapital:0} is supported.");

            var info = m.ToMarketInfo(options);
            var grid = m.GridFor(options);
            // The bot's own rule: the market's budget of the account's equity, base valued at the price, within the cap.
            var equity = StartingEquity(options.InitialQuote(info), info, baseHeld, p);
            var budget = m.Budget();
            var capitalLimit = options.Risk.MaxCapitalPerMarket;
            var cap = parse.GetValue(capital) ?? CapitalAllocator.Allocate(budget, equity, capitalLimit);
            if (cap <= 0) return CommonOptions.Fail($"capital must be positive (got {cap}); pass --capital.");
            GridPlanResult result;
            try
            {
                result = GridPlanner.Plan(grid, info, p, a, cap, baseHeld);
            }
            catch (OverflowException)
            {
                // The bounds above keep ordinary grids far from decimal's range; a configuration can still push them out.
                return CommonOptions.Fail("the plan's numbers exceed what a decimal can hold: use a realistic --price, --atr, --capital and --base, " +
                                          "or fewer levels and a smaller spacing.");
            }

            if (!result.IsSuccess)
            {
                foreach (var e in result.Errors) Console.Error.WriteLine($"error: {e}");
                return CommonOptions.ExitInvalidInput;
            }

            var plan = result.Plan!;
            var money = new PlanMoney(equity, budget, equity * capitalLimit, capitalLimit, parse.GetValue(capital) is not null);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(ToJson(plan, info, money)));
                return CommonOptions.ExitOk;
            }

            Print(CommonOptions.Out(), plan, info, grid, money);
            return CommonOptions.ExitOk;
        });
        return command;
    }

    /// <summary>The plan's money in both units: the account's equity, the market's budget and the per-market cap.</summary>
    private sealed record PlanMoney(decimal Equity, MarketBudget Budget, decimal Cap, decimal CapFraction, bool CapitalGiven)
    {
        public decimal PctOfEquity(decimal amount) => Math.Round(CapitalAllocator.FractionOf(amount, Equity) * 100m, 4);
    }

    private static object ToJson(GridPlan plan, MarketInfo info, PlanMoney money) => new
    {
        market = plan.Market,
        reference_price = plan.ReferencePrice,
        spacing_pct = plan.SpacingPct,
        raw_spacing_pct = plan.RawSpacingPct,
        lower = plan.LowerBound,
        upper = plan.UpperBound,
        capital = plan.CapitalQuote,
        capital_pct_of_equity = money.PctOfEquity(plan.CapitalQuote),
        equity = decimal.Round(money.Equity, info.PriceDecimals),
        budget = new
        {
            capital_fraction = money.Budget.CapitalFraction,
            investment_nok = money.Budget.InvestmentNok,
            compound_grid_profit = money.Budget.CompoundGridProfit,
            capital_given = money.CapitalGiven,
        },
        cap = decimal.Round(money.Cap, info.PriceDecimals),
        cap_pct_of_equity = money.PctOfEquity(money.Cap),
        fee_rate = plan.FeeRate,
        net_profit_per_round_trip = decimal.Round(plan.NetProfitPerRoundTrip, info.PriceDecimals),
        net_profit_per_round_trip_pct = decimal.Round(plan.NetProfitPerRoundTripPct, 4),
        quote_needed = decimal.Round(plan.QuoteNeeded, info.PriceDecimals),
        base_needed = plan.BaseNeeded,
        orders = plan.Orders.Select(o => new { level = o.Level, side = o.Side == Side.Buy ? "buy" : "sell", price = o.Price, amount = o.Amount, value = decimal.Round(o.Value, info.PriceDecimals) }),
        cells = plan.Cells.Select(c => new
        {
            cell = c.Index,
            buy_price = c.BuyPrice,
            sell_price = c.SellPrice,
            amount = c.Amount,
            net_profit = decimal.Round(c.NetProfit(plan.FeeRate), info.PriceDecimals),
            net_profit_pct = decimal.Round(c.NetProfitPct(plan.FeeRate), 4),
        }),
        warnings = plan.Warnings,
    };

    private static void Print(IAnsiConsole console, GridPlan plan, MarketInfo info, GridSettings grid, PlanMoney money)
    {
        var c = CultureInfo.InvariantCulture;
        var q = info.QuoteCurrency;
        console.MarkupLineInterpolated($"[bold]{plan.Market}[/] grid around {plan.ReferencePrice.ToString(c)} {q}: {grid.Levels} levels, {grid.Geometry}, spacing {plan.SpacingPct.ToString("0.###", c)}% ({grid.SpacingMode}), band {plan.LowerBound.ToString(c)} – {plan.UpperBound.ToString(c)}");
        var source = money.CapitalGiven ? "--capital" : "budget " + money.Budget.Describe(money.Equity, q);
        console.MarkupLineInterpolated($"Capital {plan.CapitalQuote.ToString("0.##", c)} {q} = {money.PctOfEquity(plan.CapitalQuote).ToString("0.##", c)}% of equity {money.Equity.ToString("0.##", c)} {q} ({source}); per-market cap {money.Cap.ToString("0.##", c)} {q} = {(money.CapFraction * 100m).ToString("0.##", c)}%");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Level");
        table.AddColumn("Side");
        table.AddColumn(new TableColumn("Price").RightAligned());
        table.AddColumn(new TableColumn($"Amount ({info.BaseCurrency})").RightAligned());
        table.AddColumn(new TableColumn($"Value ({info.QuoteCurrency})").RightAligned());
        foreach (var o in plan.Orders.OrderByDescending(o => o.Price))
        {
            table.AddRow(o.Level.ToString(c), o.Side == Side.Buy ? "[green]buy[/]" : "[red]sell[/]", o.Price.ToString(c), o.Amount.ToString(c),
                decimal.Round(o.Value, 2).ToString(c));
        }

        console.Write(table);

        // Every order the grid can place over its life: each cell buys at its line and sells one line up.
        var cells = new Table().Border(TableBorder.Rounded).Title("Round trips per cell");
        cells.AddColumn("Cell");
        cells.AddColumn(new TableColumn("Buy at").RightAligned());
        cells.AddColumn(new TableColumn("Sell at").RightAligned());
        cells.AddColumn(new TableColumn($"Amount ({info.BaseCurrency})").RightAligned());
        cells.AddColumn(new TableColumn($"Net per round trip ({info.QuoteCurrency})").RightAligned());
        cells.AddColumn(new TableColumn("Net %").RightAligned());
        foreach (var cell in plan.Cells.Reverse())
        {
            var net = cell.NetProfit(plan.FeeRate);
            cells.AddRow(cell.Index.ToString(c), cell.BuyPrice.ToString(c), cell.SellPrice.ToString(c), cell.Amount.ToString(c),
                (net > 0 ? "[green]" : "[red]") + decimal.Round(net, 2).ToString(c) + "[/]", cell.NetProfitPct(plan.FeeRate).ToString("0.###", c));
        }

        console.Write(cells);
        console.MarkupLineInterpolated($"Net profit per round trip after fees ({(plan.FeeRate * 100m).ToString("0.###", c)}% per side): {decimal.Round(plan.NetProfitPerRoundTrip, 2).ToString(c)} {info.QuoteCurrency} ({plan.NetProfitPerRoundTripPct.ToString("0.###", c)}%)");
        console.MarkupLineInterpolated($"Needs {decimal.Round(plan.QuoteNeeded, 2).ToString(c)} {info.QuoteCurrency} for the buys and {plan.BaseNeeded.ToString(c)} {info.BaseCurrency} for the sells.");
        foreach (var w in plan.Warnings) console.MarkupLineInterpolated($"[yellow]warning[/]: {w}");
        if (!money.CapitalGiven && money.Budget.InvestmentNok is { } nok && nok > plan.CapitalQuote)
            console.MarkupLineInterpolated($"[yellow]warning[/]: InvestmentNok {nok.ToString(c)} {q} is above the per-market cap; the grid gets {decimal.Round(plan.CapitalQuote, 2).ToString(c)} {q}.");
    }
}
