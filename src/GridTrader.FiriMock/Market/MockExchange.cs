using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.FiriMock.Market;

/// <summary>How many orders were created at one (market, side, price), and their total amount.</summary>
internal sealed record CreatedOrders(string Market, Side Side, decimal Price, int Count, decimal Amount);

/// <summary>
/// The mock's exchange: one <see cref="MatchingEngine"/> (the same one the backtester uses) behind one lock,
/// its price feed, and the counters tests read through the admin API. Every engine call goes through
/// <see cref="Run{T}"/> or a method here, so the HTTP handlers and the feed never touch it concurrently.
/// State lives as long as the process: clients come and go, their orders stay.
/// </summary>
internal sealed class MockExchange : IDisposable
{
    private readonly Lock _sync = new();
    private readonly FiriMockOptions _options;
    private readonly Func<DateTimeOffset> _now;
    private readonly Dictionary<(string Market, Side Side, decimal Price), (int Count, decimal Amount)> _created = [];
    private readonly ReferenceCandles _reference;
    private MatchingEngine _engine;
    private PriceFeed? _feed;
    private long _ordersCreated;

    public MockExchange(FiriMockOptions options, Func<DateTimeOffset> now)
    {
        _options = options;
        _now = now;
        Markets = options.Markets.ConvertAll(m => m.Info);
        _reference = new ReferenceCandles(options.PriceMultiplier);
        (_engine, _feed) = Build();
    }

    /// <summary>The markets served, in configuration order.</summary>
    public IReadOnlyList<MarketInfo> Markets { get; }

    public DateTimeOffset Now => _now();

    public MarketInfo? Market(string? symbol) =>
        Markets.FirstOrDefault(m => string.Equals(m.Symbol, symbol, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs <paramref name="call"/> on the engine under the lock.</summary>
    public T Run<T>(Func<MatchingEngine, T> call)
    {
        lock (_sync) return call(_engine);
    }

    /// <summary>
    /// Klines of a reference symbol (BTCUSDT), or null when the mock has no market with that base. The kline still open
    /// closes at the market's price now, as an exchange's open kline shows its last trade.
    /// </summary>
    public List<Candle>? Klines(string symbol, TimeSpan interval, long startMs, long endMs, int limit)
    {
        lock (_sync)
        {
            if (!_reference.Knows(symbol)) return null;
            var klines = _reference.Klines(symbol, interval, startMs, endMs, limit);
            var market = Markets.FirstOrDefault(m => string.Equals(ReferenceCandles.SymbolOf(m), symbol, StringComparison.OrdinalIgnoreCase));
            var nowMs = _now().ToUnixTimeMilliseconds();
            if (klines.Count > 0 && market is not null && _engine.TryGetLastPrice(market.Symbol, out var last)
                && klines[^1].OpenTimeMs + (long)interval.TotalMilliseconds > nowMs)
            {
                var close = last / _options.PriceMultiplier;
                var k = klines[^1];
                klines[^1] = k with { Close = close, High = Math.Max(k.High, close), Low = Math.Min(k.Low, close) };
            }

            return klines;
        }
    }

    /// <summary>Places an order and counts it when the engine accepted it.</summary>
    public ExchangeResult<long> PlaceOrder(MarketInfo market, Side side, decimal price, decimal amount)
    {
        lock (_sync)
        {
            var result = _engine.PlaceOrder(market.Symbol, side, price, amount, _now());
            if (!result.IsSuccess) return result;
            _ordersCreated++;
            var key = (market.Symbol, side, price);
            var (count, total) = _created.GetValueOrDefault(key);
            _created[key] = (count + 1, total + amount);
            return result;
        }
    }

    /// <summary>Moves the feed to the present; called by the server's background loop.</summary>
    public void AdvanceFeed()
    {
        lock (_sync) _feed?.Tick(_engine, _now());
    }

    /// <summary>
    /// A scripted price move, after which the market's feed stays paused. With <paramref name="volume"/>, the move
    /// is one candle from the last price whose volume caps what resting orders can fill (partial fills);
    /// without it every crossed order fills in full.
    /// </summary>
    public void MovePrice(MarketInfo market, decimal price, decimal? volume)
    {
        lock (_sync)
        {
            var now = _now();
            _feed?.Pause(_engine, market.Symbol, now);
            if (volume is not { } v)
            {
                _engine.MoveTo(market.Symbol, price, now);
                Record(market, now, new Candle(0, price, price, price, price, 0m));
                return;
            }

            var last = _engine.TryGetLastPrice(market.Symbol, out var p) ? p : price;
            ProcessCandleLocked(market, new Candle(0, last, Math.Max(last, price), Math.Min(last, price), price, v), now);
        }
    }

    /// <summary>Walks one scripted candle, timed to close now; pauses the market's feed.</summary>
    public void ProcessCandle(MarketInfo market, Candle candle)
    {
        lock (_sync)
        {
            var now = _now();
            _feed?.Pause(_engine, market.Symbol, now);
            ProcessCandleLocked(market, candle, now);
        }
    }

    /// <summary>True when only the admin API moves this market's price.</summary>
    public bool IsScripted(string market)
    {
        lock (_sync) return _feed is null || _feed.IsPaused(market);
    }

    public void Deposit(string currency, decimal amount)
    {
        lock (_sync) _engine.Deposit(currency, amount);
    }

    /// <summary>Back to the configured start: fresh engine, balances, prices and counters.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _feed?.Dispose();
            (_engine, _feed) = Build();
            _created.Clear();
            _ordersCreated = 0;
        }
    }

    public (long Total, IReadOnlyList<CreatedOrders> ByPrice) Created()
    {
        lock (_sync)
        {
            var list = _created
                .Select(e => new CreatedOrders(e.Key.Market, e.Key.Side, e.Key.Price, e.Value.Count, e.Value.Amount))
                .OrderBy(c => c.Market, StringComparer.Ordinal).ThenBy(c => c.Side).ThenBy(c => c.Price)
                .ToList();
            return (_ordersCreated, list);
        }
    }

    public void Dispose()
    {
        lock (_sync) _feed?.Dispose();
    }

    private void ProcessCandleLocked(MarketInfo market, Candle candle, DateTimeOffset now)
    {
        _engine.ProcessCandle(market.Symbol, candle with { OpenTimeMs = (now - _engine.Options.CandleInterval).ToUnixTimeMilliseconds() });
        Record(market, now - _engine.Options.CandleInterval, candle);
    }

    private void Record(MarketInfo market, DateTimeOffset start, in Candle candle) =>
        _reference.Add(ReferenceCandles.SymbolOf(market), start.ToUnixTimeMilliseconds(), _options.CandleDuration, candle);

    private (MatchingEngine, PriceFeed?) Build()
    {
        var engine = new MatchingEngine(new MatchingEngineOptions
        {
            FeeRate = _options.FeeRate,
            VolumeParticipation = _options.VolumeParticipation,
            CandleInterval = _options.CandleDuration,
            // Clients poll orders as they would Firi; nobody drains the fill queue.
            CollectFills = false,
        });
        foreach (var market in _options.Markets) engine.AddMarket(market.Info);
        foreach (var (currency, amount) in _options.Balances) engine.Deposit(currency, amount);

        var now = _now();
        _reference.Clear();
        var feed = BuildFeed(now);
        if (feed is null)
        {
            foreach (var market in _options.Markets)
            {
                engine.MoveTo(market.Info.Symbol, market.InitialPrice, now);
                Record(market.Info, now, new Candle(0, market.InitialPrice, market.InitialPrice, market.InitialPrice, market.InitialPrice, 0m));
            }
        }
        else
        {
            feed.Start(engine, now);
        }

        return (engine, feed);
    }

    private PriceFeed? BuildFeed(DateTimeOffset start)
    {
        var sources = new List<(string, ICandleSource)>();
        for (var i = 0; i < _options.Markets.Count; i++)
        {
            var market = _options.Markets[i];
            var decimals = market.Info.PriceDecimals;
            ICandleSource? source = _options.PriceSource switch
            {
                MockPriceSource.RandomWalk =>
                    new RandomWalkCandleSource(market.InitialPrice, decimals, SplitMix64.For(_options.Seed, long.MinValue + i)),
                MockPriceSource.CandleFile when i == 0 =>
                    new CsvCandleSource(_options.DataFile!, _options.PriceMultiplier, 1m, decimals),
                MockPriceSource.CandleFile when OwnFile(market) is { } file =>
                    new CsvCandleSource(file, _options.PriceMultiplier, 1m, decimals),
                MockPriceSource.CandleFile =>
                    new CsvCandleSource(_options.DataFile!, _options.PriceMultiplier * _options.FollowerRatio, 1m / _options.FollowerRatio, decimals),
                _ => null,
            };
            if (source is null) continue;
            AddHistory(market.Info, source, start);
            sources.Add((market.Info.Symbol, source));
        }

        return sources.Count == 0
            ? null
            : new PriceFeed(sources, _options.CandleDuration, (symbol, at, candle) => Record(Market(symbol)!, at, candle));
    }

    /// <summary>
    /// The first <see cref="FiriMockOptions.HistoryCandles"/> candles of a source become the klines history, dated so the
    /// last ends at the start; the live feed then continues with the candle after them.
    /// </summary>
    private void AddHistory(MarketInfo market, ICandleSource source, DateTimeOffset start)
    {
        var count = _options.HistoryCandles;
        if (count == 0) return;
        var history = new List<Candle>(count);
        for (var i = 0; i < count; i++) history.Add(source.Next());
        var step = source.Interval ?? _options.HistoryInterval;
        var symbol = ReferenceCandles.SymbolOf(market);
        for (var i = 0; i < count; i++)
            _reference.Add(symbol, (start - (step * (count - i))).ToUnixTimeMilliseconds(), step, history[i]);
    }

    private string? OwnFile(MockMarket market) =>
        market.Info.BaseCurrency == "ETH" && !string.IsNullOrWhiteSpace(_options.EthDataFile) ? _options.EthDataFile : null;
}
