using System.Globalization;
using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Backtesting;

/// <summary>One point of the equity curve.</summary>
public readonly record struct EquityPoint(long TimeMs, decimal Equity, decimal Price);

/// <summary>Figures of a finished backtest. P&amp;L is in the market's quote currency.</summary>
public sealed record BacktestResult
{
    public required string Market { get; init; }
    public required long Candles { get; init; }

    /// <summary>Candle length the run used (given, or inferred from the data).</summary>
    public required TimeSpan Interval { get; init; }
    public required DateTimeOffset? From { get; init; }
    public required DateTimeOffset? To { get; init; }
    public required int RoundTrips { get; init; }
    public required decimal RealizedPnl { get; init; }

    /// <summary>Profit of the grid pairs (each sell matched to the buys of the line below), after both fees.</summary>
    public decimal GridProfit { get; init; }

    /// <summary>Sell orders matched to a buy of the line below them (see <see cref="GridPairBook"/>).</summary>
    public int GridPairs { get; init; }
    public required decimal Fees { get; init; }
    public required decimal UnrealizedPnl { get; init; }
    public required decimal InitialEquity { get; init; }
    public required decimal FinalEquity { get; init; }
    public required decimal CapitalAllocated { get; init; }
    public required decimal MaxDrawdownPct { get; init; }

    /// <summary>The fill model the run used.</summary>
    public required FillModel FillModel { get; init; }

    /// <summary>The volume share the run allowed, with <see cref="FillModel.VolumeShare"/>; null with the other models.</summary>
    public decimal? VolumeShare { get; init; }

    /// <summary>The model's name, with the share for volume-share: <c>trade-through</c>, <c>volume-share (10% of volume)</c>.</summary>
    public string FillModelText => FillModel.Name() +
        (VolumeShare is { } share ? string.Create(CultureInfo.InvariantCulture, $" ({share * 100m:0.####}% of volume)") : "");

    /// <summary>How the simulated exchange filled this run's orders, in words (<see cref="Backtester.FillRule"/>).</summary>
    public string FillRule => Backtester.FillRule(FillModel, VolumeShare);

    /// <summary>P&amp;L of buying the allocated capital's worth at the first close (one fee) and holding to the last.</summary>
    public required decimal BuyAndHoldPnl { get; init; }

    public required int OrdersPlaced { get; init; }
    public required int FillCount { get; init; }
    public required int Rejections { get; init; }
    public required IReadOnlyDictionary<string, int> RejectionsByReason { get; init; }
    public required int GridRebuilds { get; init; }
    public required decimal FirstPrice { get; init; }
    public required decimal LastPrice { get; init; }
    public required IReadOnlyList<EquityPoint> EquityCurve { get; init; }
    public required IReadOnlyList<Fill> Fills { get; init; }
    public required IReadOnlyList<RoundTrip> RoundTripDetails { get; init; }
    /// <summary>The first <see cref="BacktestStats.MaxNotices"/> notices (trend, volatility, grid changes).</summary>
    public required IReadOnlyList<StrategyNotice> Notices { get; init; }

    /// <summary>All notices, including those not kept in <see cref="Notices"/>.</summary>
    public required int NoticeCount { get; init; }
    public required double ElapsedMs { get; init; }

    /// <summary>Candles whose close found the market's base on the account, in percent of the run's candles.</summary>
    public decimal TimeInMarketPct { get; init; }

    /// <summary>Largest capital in use at a close: the position at the close plus the open buys (what the risk caps measure).</summary>
    public decimal PeakCapitalUsed { get; init; }

    /// <summary>UTC days on which the market's circuit breaker was open at some close.</summary>
    public int BreakerOpenDays { get; init; }

    /// <summary>UTC days on which the market's grid was stopped (stop-loss, take-profit, loss limit) at some close.</summary>
    public int GridStoppedDays { get; init; }

    /// <summary>The data file the market's candles came from, when known (a portfolio run names one per market).</summary>
    public string? DataFile { get; init; }

    public decimal NetPnl => FinalEquity - InitialEquity;

    public double CandlesPerSecond => ElapsedMs > 0 ? Candles / (ElapsedMs / 1000.0) : 0;
}
