using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Dashboard.Settings;
using GridTrader.Engine.Live;

namespace GridTrader.Hosting;

/// <summary>A market change asked for through the API (dashboard Settings tab, <c>gridtrader markets …</c>).</summary>
/// <param name="Market">The market's symbol, e.g. ETHNOK.</param>
/// <param name="Orders">For disable and remove: <c>cancel</c> or <c>leave</c> the market's resting orders (null: not chosen).</param>
/// <param name="Reason">Why (journaled).</param>
/// <param name="Add">For add: the new market's settings.</param>
internal sealed record MarketChangeRequest(string? Market, string? Orders, string? Reason, MarketAddition? Add = null);

/// <summary>The settings of a market being added; unset ones take their defaults.</summary>
internal sealed record MarketAddition(
    decimal? CapitalFraction = null,
    decimal? InvestmentNok = null,
    bool? CompoundGridProfit = null,
    string? CandleInterval = null,
    int? PriceDecimals = null,
    int? AmountDecimals = null,
    decimal? MinAmount = null,
    bool? UseExistingBase = null);

/// <summary>What a market change did: made (and saved to the file, or why not), or refused with the reason and any problems.</summary>
internal sealed record MarketChangeAnswer(bool Done, string Message, bool Persisted, string? Path, IReadOnlyList<ProblemRow> Problems);

/// <summary>A configured market as the Settings tab lists it.</summary>
internal sealed record ConfiguredMarket(string Symbol, bool Enabled, bool Traded, decimal? CapitalFraction, decimal? InvestmentNok, bool CompoundGridProfit,
    string CandleInterval, int OpenOrders);

/// <summary>
/// Adds, enables, disables and removes markets of a running bot. Every change is the configuration file's change first:
/// the current configuration with that one market edited is validated as a whole by the normal loader (a market too
/// big for the caps, a bad interval, the fee floor), then the engine makes it on its loop (it may refuse: resting orders
/// without a choice, an exchange that cannot trade the market), and only then is it saved through the settings
/// editor's apply path, like any other edit of the file. A refusal at any step changes nothing.
/// </summary>
/// <remarks>
/// The save goes through a <see cref="ConfigEditor"/> whose running configuration is the current one (with the market
/// changes made so far), so its apply writes exactly this change; the dashboard's own editor keeps listing only the
/// edits that wait for a restart (a market change does not: the bot already runs with it).
/// </remarks>
internal sealed class MarketChanges(BotRuntime runtime) : IDisposable
{
    public const string Add = "add";
    public const string Enable = "enable";
    public const string Disable = "disable";
    public const string Remove = "remove";

    private static readonly TimeSpan EngineAnswerTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LoadedConfig _current = runtime.Config;

    /// <summary>Every configured market and whether the engine trades it now.</summary>
    public IReadOnlyList<ConfiguredMarket> Markets()
    {
        var snapshot = runtime.Engine.Snapshot;
        return _current.Options.Markets.Select(m =>
        {
            var traded = snapshot?.Markets.FirstOrDefault(s => s.Symbol.Equals(m.Symbol, StringComparison.OrdinalIgnoreCase));
            return new ConfiguredMarket(m.Symbol, m.Enabled, traded is not null, m.CapitalFraction, m.InvestmentNok, m.CompoundGridProfit,
                m.CandleInterval, traded?.OpenOrders ?? 0);
        }).ToList();
    }

    public async Task<(int Status, MarketChangeAnswer Answer)> ApplyAsync(string action, MarketChangeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var symbol = (request.Market ?? "").Trim().ToUpperInvariant();
        if (symbol.Length == 0) return Refused(StatusCodes.Status400BadRequest, "market is required (e.g. ETHNOK).");
        var orders = ParseOrders(request.Orders);
        if (orders is null) return Refused(StatusCodes.Status400BadRequest, $"orders must be cancel or leave (got '{request.Orders}').");
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? $"{action} from the dashboard or CLI" : request.Reason.Trim();

        await _gate.WaitAsync(ct);
        try
        {
            var document = ConfigJson.ToDocument(_current.Options);
            var list = (JsonArray)document[GridTraderOptions.SectionName]![nameof(GridTraderOptions.Markets)]!;
            var index = IndexOf(list, symbol);
            var entry = index >= 0 ? (JsonObject)list[index]! : null;
            var enabled = entry?[nameof(MarketOptions.Enabled)]?.GetValue<bool>() ?? false;
            switch (action)
            {
                case Add when entry is not null:
                    return Refused(StatusCodes.Status409Conflict, $"{symbol} is already configured{(enabled ? "" : " (disabled): enable it instead")}.");
                case Add:
                    list.Add(NewMarket(symbol, request.Add ?? new MarketAddition()));
                    break;
                case Enable or Disable or Remove when entry is null:
                    return Refused(StatusCodes.Status404NotFound, $"{symbol} is not a configured market{(action == Enable ? "; add it instead" : "")}.");
                case Enable when enabled:
                    return Refused(StatusCodes.Status409Conflict, $"{symbol} is already enabled.");
                case Disable when !enabled:
                    return Refused(StatusCodes.Status409Conflict, $"{symbol} is already disabled.");
                case Enable or Disable:
                    entry![nameof(MarketOptions.Enabled)] = action == Enable;
                    break;
                case Remove:
                    list.RemoveAt(index);
                    break;
                default:
                    return Refused(StatusCodes.Status400BadRequest, $"'{action}' is not a market change; use add, enable, disable or remove.");
            }

            var proposal = ConfigJson.Write(document);
            var loaded = ConfigLoader.LoadJson(proposal, "proposed configuration");
            if (loaded.HasErrors)
            {
                return (StatusCodes.Status422UnprocessableEntity, new MarketChangeAnswer(false,
                    $"The configuration with this change has errors; nothing changed.", false, null, loaded.Problems.Select(ProblemRow.From).ToList()));
            }

            // A market that starts trading is saved first: a crash or a failed save must never leave the engine trading (and
            // placing orders on) a market the file does not know, whose orders the next start would not watch. A market that
            // stops trading is saved after the engine stopped it: a crash in between only brings it back with a fresh grid.
            var starts = action is Add or Enable;
            MarketChangeAnswer? savedFirst = null;
            if (starts)
            {
                savedFirst = Persist(_current, proposal, "", loaded);
                if (!savedFirst.Persisted && Editable(_current))
                {
                    return (StatusCodes.Status409Conflict, savedFirst with
                    {
                        Done = false,
                        Message = $"{symbol} was not {Past(action)}: the configuration could not be saved, so the engine was not changed.{savedFirst.Message}",
                    });
                }
            }

            var engine = await ApplyToEngineAsync(action, symbol, orders.Value, reason, loaded.Options);
            if (engine is { Done: false })
            {
                // The engine refused: the file goes back to what the running bot uses.
                if (savedFirst is { Persisted: true })
                    Persist(loaded with { Source = _current.Source }, ConfigJson.Write(ConfigJson.ToDocument(_current.Options)), "", _current);
                return Refused(StatusCodes.Status409Conflict, engine.Message);
            }

            var message = engine?.Message ?? $"{symbol} {Past(action)} in the configuration (the engine does not trade it).";
            var saved = savedFirst is null ? Persist(_current, proposal, message, loaded) : savedFirst with { Message = message + savedFirst.Message };
            _current = loaded with { Source = _current.Source };
            if (engine is not null) Traded(action, symbol, loaded.Options);
            return (StatusCodes.Status200OK, saved);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The engine's part: start or stop trading the market. Null when the engine has nothing to do (a disabled market removed).</summary>
    private async Task<MarketChangeResult?> ApplyToEngineAsync(string action, string symbol, RestingOrders orders, string reason, GridTraderOptions options)
    {
        MarketCommand? command = action switch
        {
            Add or Enable => options.Markets.First(m => m.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase)) is { Enabled: true } m
                ? (action == Add ? new AddMarketCommand(m.ToSetup(options)!, reason) : new EnableMarketCommand(m.ToSetup(options)!, reason))
                : null,
            Disable => new DisableMarketCommand(symbol, orders, reason),
            _ when IsTraded(symbol) => new RemoveMarketCommand(symbol, orders, reason),
            _ => null,
        };
        if (command is null) return null;
        _ = runtime.Engine.SendAsync(command);
        var finished = await Task.WhenAny(command.Result, Task.Delay(EngineAnswerTimeout));
        // Not started within the wait: withdrawn, so it cannot change the engine after this answer. Started: the engine is
        // making the change, and the file must follow whatever it did, so its answer is awaited (not the request's token: a
        // client that gives up must not leave the engine changed and the file not).
        if (finished != command.Result)
            command.TryWithdraw("the engine did not start the change within 30 s (it is busy); nothing changed, try again");
        return await command.Result;
    }

    /// <summary>The runtime's list of traded markets (what the dashboard's market views look up) after the engine's change.</summary>
    private void Traded(string action, string symbol, GridTraderOptions options)
    {
        var markets = runtime.Markets.Where(m => !m.Info.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase)).ToList();
        if (action is Add or Enable) markets.Add(options.Markets.First(m => m.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase)).ToSetup(options)!);
        runtime.MarketsChanged(markets);
    }

    private static string Past(string action) => action switch
    {
        Add => "added",
        Enable => "enabled",
        Disable => "disabled",
        _ => "removed",
    };

    private static bool Editable(LoadedConfig running) => new ConfigEditor(running, json => ConfigLoader.LoadJson(json, "proposed configuration")).Editable;

    /// <summary>Saves <paramref name="proposal"/> as an edit of what <paramref name="running"/> holds, into the configuration file.</summary>
    private static MarketChangeAnswer Persist(LoadedConfig running, string proposal, string message, LoadedConfig loaded)
    {
        var warnings = loaded.Warnings.Select(ProblemRow.From).ToList();
        var editor = new ConfigEditor(running, json => ConfigLoader.LoadJson(json, "proposed configuration"));
        if (!editor.Editable)
        {
            return new MarketChangeAnswer(true, message + " Not saved: this run uses the embedded default configuration (start it with --config <file> to keep changes).",
                false, null, warnings);
        }

        var (status, result) = editor.Apply(proposal);
        return result.Applied
            ? new MarketChangeAnswer(true, $"{message} Saved to {result.Path}.", true, result.Path, warnings)
            : new MarketChangeAnswer(true, $"{message} Not saved ({status}): {result.Message}", false, null, [.. warnings, .. result.Problems]);
    }

    private bool IsTraded(string symbol) =>
        runtime.Engine.Snapshot?.Markets.Any(m => m.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase)) == true;

    private static int IndexOf(JsonArray markets, string symbol)
    {
        for (var i = 0; i < markets.Count; i++)
        {
            if (markets[i]?[nameof(MarketOptions.Symbol)]?.GetValue<string>() is { } s && s.Equals(symbol, StringComparison.OrdinalIgnoreCase)) return i;
        }

        return -1;
    }

    /// <summary>A new market's entry: the symbol and only the settings given (the rest take their defaults, like a hand-written entry).</summary>
    private static JsonObject NewMarket(string symbol, MarketAddition add)
    {
        var entry = new JsonObject { [nameof(MarketOptions.Symbol)] = symbol, [nameof(MarketOptions.Enabled)] = true };
        if (add.CapitalFraction is { } f) entry[nameof(MarketOptions.CapitalFraction)] = f;
        if (add.InvestmentNok is { } nok) entry[nameof(MarketOptions.InvestmentNok)] = nok;
        if (add.CompoundGridProfit is { } compound) entry[nameof(MarketOptions.CompoundGridProfit)] = compound;
        if (add.CandleInterval is { Length: > 0 } interval) entry[nameof(MarketOptions.CandleInterval)] = interval;
        if (add.PriceDecimals is { } pd) entry[nameof(MarketOptions.PriceDecimals)] = pd;
        if (add.AmountDecimals is { } ad) entry[nameof(MarketOptions.AmountDecimals)] = ad;
        if (add.MinAmount is { } min) entry[nameof(MarketOptions.MinAmount)] = min;
        if (add.UseExistingBase is { } existing) entry[nameof(MarketOptions.UseExistingBase)] = existing;
        return entry;
    }

    private static RestingOrders? ParseOrders(string? orders) => orders?.Trim().ToLowerInvariant() switch
    {
        null or "" => RestingOrders.Ask,
        "cancel" => RestingOrders.Cancel,
        "leave" => RestingOrders.Leave,
        _ => null,
    };

    public void Dispose() => _gate.Dispose();

    private static (int, MarketChangeAnswer) Refused(int status, string message) => (status, new MarketChangeAnswer(false, message, false, null, []));
}
