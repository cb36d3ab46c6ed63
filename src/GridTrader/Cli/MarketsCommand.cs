using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Hosting;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary>
/// <c>markets add|enable|disable|remove</c> (and <c>markets list</c>): changes the markets of a running bot through its
/// API, as the dashboard's Settings tab does. The change is validated as an edit of the configuration file, made by the
/// engine without a restart, then saved to the file. Disabling or removing a market with resting orders needs
/// <c>--cancel-orders</c> or <c>--leave-orders</c>.
/// </summary>
internal static class MarketsCommand
{
    public static Command Create()
    {
        var command = new Command("markets", "Add, enable, disable or remove a market of the running bot (no restart; saved to the configuration file).")
        {
            List(), AddCommand(), Toggle(MarketChanges.Enable, "Start trading a configured market that is disabled."),
            Stop(MarketChanges.Disable, "Stop trading a market and keep it in the configuration (Enabled: false)."),
            Stop(MarketChanges.Remove, "Stop trading a market and delete it from the configuration."),
        };
        return command;
    }

    private static Argument<string> Symbol() => new("market") { Description = "Market symbol, e.g. ETHNOK." };

    private static Option<string?> Reason() => new("--reason") { Description = "Why (journaled)." };

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON." };
        var command = new Command("list", "The configured markets and whether the running bot trades each.") { json };
        command.SetAction(async (parse, ct) =>
        {
            if (Load(parse) is not var (config, paths)) return CommonOptions.ExitInvalidInput;
            using var client = new BotApiClient(paths, config.Host.Dashboard.Url);
            using var doc = await client.GetAsync("/api/markets/configured", ct);
            if (doc is null) return CommonOptions.Fail($"no running bot answered at {client.BaseUrl}; start the bot first.", CommonOptions.ExitFailure);
            if (parse.GetValue(json))
            {
                Console.WriteLine(doc.RootElement.GetRawText());
                return CommonOptions.ExitOk;
            }

            var table = new Table().AddColumns("Market", "Enabled", "Traded", "Budget", "Interval", "Open orders");
            foreach (var m in doc.RootElement.GetProperty("markets").EnumerateArray())
            {
                var budget = m.GetProperty("investment_nok") is { ValueKind: JsonValueKind.Number } nok
                    ? $"{nok.GetDecimal()} NOK"
                    : m.GetProperty("capital_fraction") is { ValueKind: JsonValueKind.Number } f ? $"{f.GetDecimal() * 100m:0.##} % of equity" : "20 % of equity";
                table.AddRow(Markup.Escape(m.GetProperty("symbol").GetString() ?? ""), m.GetProperty("enabled").GetBoolean() ? "yes" : "no",
                    m.GetProperty("traded").GetBoolean() ? "yes" : "no", Markup.Escape(budget), Markup.Escape(m.GetProperty("candle_interval").GetString() ?? ""),
                    m.GetProperty("open_orders").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            CommonOptions.Out().Write(table);
            return CommonOptions.ExitOk;
        });
        return command;
    }

    private static Command AddCommand()
    {
        var symbol = Symbol();
        var fraction = new Option<decimal?>("--capital-fraction") { Description = "Budget as a share of equity, e.g. 0.1 (default 0.2 when --investment-nok is not given)." };
        var nok = new Option<decimal?>("--investment-nok") { Description = "Budget as a fixed sum in the quote currency, e.g. 20000." };
        var compound = new Option<bool>("--compound") { Description = "Realized grid profit raises the budget at the next grid plan." };
        var interval = new Option<string?>("--candle-interval") { Description = "Candle interval for ATR and trend (default 1h)." };
        var priceDecimals = new Option<int?>("--price-decimals") { Description = "Price decimals of the market (default 2)." };
        var amountDecimals = new Option<int?>("--amount-decimals") { Description = "Amount decimals of the market (default 8)." };
        var minAmount = new Option<decimal?>("--min-amount") { Description = "Smallest order amount in the base currency (default 0.0001)." };
        var existing = new Option<bool>("--use-existing-base") { Description = "Offer base already held on the account on the first grid's sell side." };
        var reason = Reason();
        var command = new Command("add", "Add a market to the configuration and start trading it.")
        {
            symbol, fraction, nok, compound, interval, priceDecimals, amountDecimals, minAmount, existing, reason,
        };
        command.SetAction((parse, ct) =>
        {
            var add = new JsonObject();
            void Set(string key, JsonNode? value)
            {
                if (value is not null) add[key] = value;
            }

            Set("capital_fraction", parse.GetValue(fraction));
            Set("investment_nok", parse.GetValue(nok));
            if (parse.GetValue(compound)) Set("compound_grid_profit", true);
            Set("candle_interval", parse.GetValue(interval));
            Set("price_decimals", parse.GetValue(priceDecimals));
            Set("amount_decimals", parse.GetValue(amountDecimals));
            Set("min_amount", parse.GetValue(minAmount));
            if (parse.GetValue(existing)) Set("use_existing_base", true);
            var body = Body(parse.GetValue(symbol), null, parse.GetValue(reason));
            body["add"] = add;
            return SendAsync(parse, MarketChanges.Add, body, ct);
        });
        return command;
    }

    private static Command Toggle(string action, string description)
    {
        var symbol = Symbol();
        var reason = Reason();
        var command = new Command(action, description) { symbol, reason };
        command.SetAction((parse, ct) => SendAsync(parse, action, Body(parse.GetValue(symbol), null, parse.GetValue(reason)), ct));
        return command;
    }

    private static Command Stop(string action, string description)
    {
        var symbol = Symbol();
        var cancel = new Option<bool>("--cancel-orders") { Description = "Cancel the market's resting orders on the exchange first." };
        var leave = new Option<bool>("--leave-orders") { Description = "Leave them resting; they stop being the bot's (reported as foreign, never touched)." };
        var reason = Reason();
        var command = new Command(action, description + " With resting orders, choose --cancel-orders or --leave-orders.") { symbol, cancel, leave, reason };
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(cancel) && parse.GetValue(leave)) return Task.FromResult(CommonOptions.Fail("choose --cancel-orders or --leave-orders, not both."));
            var orders = parse.GetValue(cancel) ? "cancel" : parse.GetValue(leave) ? "leave" : null;
            return SendAsync(parse, action, Body(parse.GetValue(symbol), orders, parse.GetValue(reason)), ct);
        });
        return command;
    }

    private static JsonObject Body(string? market, string? orders, string? reason)
    {
        var body = new JsonObject { ["market"] = market };
        if (orders is not null) body["orders"] = orders;
        if (reason is not null) body["reason"] = reason;
        return body;
    }

    private static async Task<int> SendAsync(ParseResult parse, string action, JsonObject body, CancellationToken ct)
    {
        if (Load(parse) is not var (config, paths)) return CommonOptions.ExitInvalidInput;
        using var client = new BotApiClient(paths, config.Host.Dashboard.Url);
        var answer = await client.PostAsync("/api/markets/" + action, body, ct);
        if (answer is not { } a)
        {
            return CommonOptions.Fail($"no running bot answered at {client.BaseUrl}; markets change only on a running bot " +
                                      $"(or edit {config.Source} and restart). Nothing changed.", CommonOptions.ExitFailure);
        }

        if (a.Status is 401 or 403)
            return CommonOptions.Fail($"the bot refused the request ({a.Status}): the dashboard token in {paths.TokenFile} does not match.", CommonOptions.ExitFailure);
        try
        {
            var doc = JsonNode.Parse(a.Body);
            var message = doc?["message"]?.GetValue<string>() ?? a.Body;
            var writer = a.Status is >= 200 and < 300 ? Console.Out : Console.Error;
            await writer.WriteLineAsync(message);
            foreach (var p in doc?["problems"]?.AsArray() ?? [])
                await writer.WriteLineAsync($"{p?["severity"]}: {p?["path"]}: {p?["message"]}");
        }
        catch (JsonException)
        {
            await Console.Error.WriteLineAsync(a.Body);
        }

        return a.Status is >= 200 and < 300 ? CommonOptions.ExitOk : a.Status is 400 or 404 or 422 ? CommonOptions.ExitInvalidInput : CommonOptions.ExitFailure;
    }

    private static (LoadedConfig Config, DataPaths Paths)? Load(ParseResult parse)
    {
        var loaded = ConfigLoader.Load(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.EnvFile));
        if (loaded.HasErrors)
        {
            CommonOptions.Report(loaded, AnsiConsole.Console, quietWarnings: true);
            return null;
        }

        var dir = parse.GetValue(CommonOptions.DataDir) is { Length: > 0 } d ? d : loaded.Options.DataDirectory;
        return (loaded, DataPaths.For(dir));
    }
}
