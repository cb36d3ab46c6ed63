using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;

namespace GridTrader.Engine.Live;

/// <summary>One market the live engine trades, as configured.</summary>
public sealed record MarketSetup(MarketInfo Info, GridSettings Grid, MarketBudget Budget, TimeSpan CandleInterval, bool UseExistingBase = false);
