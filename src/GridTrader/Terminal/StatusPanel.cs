using System.Globalization;
using GridTrader.Engine.Live;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GridTrader.Terminal;

/// <summary>
/// The live panel <c>run</c> shows in a terminal: the bot's state and money, one row per market (price, trend, phase,
/// open orders, grid profit, last event), the last folded warnings, and where to look and how to stop it.
/// Built from a snapshot only, so it renders the same in a test as on screen.
/// </summary>
internal static class StatusPanel
{
    public static IRenderable Render(EngineSnapshot? snapshot, PanelFeed feed, string? dashboardUrl, int width = 120)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var c = CultureInfo.InvariantCulture;
        var rows = new List<IRenderable>();
        if (snapshot is null)
        {
            rows.Add(new Markup("[grey]starting…[/]"));
        }
        else
        {
            var halt = snapshot.HaltReason ?? snapshot.KillReason;
            var state = snapshot.KillSwitchEngaged || snapshot.State == Core.Risk.BotState.Halted
                ? $"[red]{snapshot.State}[/]{(halt is null ? "" : " — " + Markup.Escape(halt))}"
                : $"[green]{snapshot.State}[/]{(snapshot.GloballyPaused ? " [yellow](paused)[/]" : "")}";
            rows.Add(new Markup(string.Create(c,
                $"{state}  {Markup.Escape(snapshot.Mode)} on {Markup.Escape(snapshot.Exchange)}  {snapshot.Time:yyyy-MM-dd HH:mm} UTC  " +
                $"equity {snapshot.Equity:#,0.##}  grid profit {snapshot.GridProfit:#,0.##} ({snapshot.GridPairs} pairs)  " +
                $"realized (FIFO) {snapshot.RealizedPnl:#,0.##}  fees {snapshot.Fees:#,0.##}")));

            var table = new Table().Border(TableBorder.Rounded).Expand()
                .AddColumn(new TableColumn("Market").NoWrap())
                .AddColumn(new TableColumn("Price").RightAligned().NoWrap())
                .AddColumn(new TableColumn("Trend").NoWrap())
                .AddColumn(new TableColumn("Phase"))
                .AddColumn(new TableColumn("Orders").RightAligned().NoWrap())
                .AddColumn(new TableColumn("Grid profit").RightAligned().NoWrap())
                .AddColumn(new TableColumn("Last event"));
            foreach (var m in snapshot.Markets)
            {
                var last = feed.LastEventOf(m.Symbol) is { } e ? $"{e.Time.ToString("HH:mm", c)} {e.Text}" : "";
                var phase = m.CircuitBreakerOpen ? $"{m.Phase}, breaker open" : m.Paused ? $"{m.Phase}, paused" : m.Phase.ToString();
                table.AddRow(
                    Markup.Escape(m.Symbol),
                    m.LastPrice.ToString("#,0.##", c),
                    m.Trend.ToString().ToUpperInvariant(),
                    Markup.Escape(phase),
                    m.OpenOrders.ToString(c),
                    string.Create(c, $"{m.GridProfit:#,0.##} ({m.GridPairs})"),
                    Markup.Escape(last));
            }

            rows.Add(table);
        }

        // One line per warning, cut to the width: the JSON log has the whole text.
        foreach (var w in feed.Warnings)
            rows.Add(new Text(OneLine($"{w.Time.ToString("HH:mm:ss", c)} {w.Text}", width), new Style(Color.Yellow)));

        rows.Add(new Markup(dashboardUrl is null ? "[grey]dashboard off[/]" : $"[grey]dashboard {Markup.Escape(dashboardUrl)} (token in dashboard.token)[/]"));
        rows.Add(new Markup("[grey]Ctrl+C stops the bot (orders stay) · gridtrader pause MARKET | resume | kill | status · every event in the JSON log[/]"));
        return new Rows(rows);
    }

    private static string OneLine(string text, int width)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= width ? line : string.Concat(line.AsSpan(0, Math.Max(1, width - 1)), "…");
    }
}
