using System.Collections.Concurrent;

namespace GridTrader.FiriMock.Faults;

/// <summary>What happens to one request: a delay, at most one failure instead of the answer, or a lost create.</summary>
internal readonly record struct FaultDecision(TimeSpan Latency, FaultKind? Failure, bool LoseCreate);

/// <summary>
/// Decides the faults of each request from the current <see cref="FaultSpec"/>. Request <c>n</c> of a run
/// rolls its own dice, seeded by (seed, n), and rolls every kind each time whether a rule uses it or not,
/// so the same seed and the same sequence of requests give the same faults. Counted rules (<c>3x</c>) hit
/// the next matching requests. Thread-safe.
/// </summary>
internal sealed class FaultInjector
{
    private static readonly FaultKind[] FailureOrder = [FaultKind.Drop, FaultKind.ServerError, FaultKind.Html, FaultKind.RateLimited];

    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<FaultKind, long> _injected = new();
    private FaultSpec _spec;
    private int _seed;
    private long _requests;
    private int[] _countUsed;

    public FaultInjector(FaultSpec spec, int seed)
    {
        _spec = spec;
        _seed = seed;
        _countUsed = new int[spec.Rules.Count];
    }

    public FaultSpec Spec
    {
        get
        {
            lock (_lock) return _spec;
        }
    }

    public int Seed
    {
        get
        {
            lock (_lock) return _seed;
        }
    }

    /// <summary>The skew of the current specification (the mock's clock offset).</summary>
    public TimeSpan Skew => Spec.Skew;

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<FaultKind, long> Injected => new Dictionary<FaultKind, long>(_injected);

    /// <summary>Replaces the specification; counted rules start afresh, and a new seed restarts the dice.</summary>
    public void Configure(FaultSpec spec, int? seed = null)
    {
        lock (_lock) ConfigureLocked(spec, seed);
    }

    /// <summary>Back to <paramref name="spec"/> and <paramref name="seed"/> with no request seen and nothing injected.</summary>
    public void Reset(FaultSpec spec, int seed)
    {
        lock (_lock)
        {
            ConfigureLocked(spec, seed);
            _injected.Clear();
        }
    }

    private void ConfigureLocked(FaultSpec spec, int? seed)
    {
        _spec = spec;
        _countUsed = new int[spec.Rules.Count];
        if (seed is { } s)
        {
            _seed = s;
            _requests = 0;
        }
    }

    public void Record(FaultKind kind) => _injected.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    public FaultDecision Decide(string method, string path)
    {
        lock (_lock)
        {
            var dice = SplitMix64.For(_seed, ++_requests);
            // Every roll is drawn, used or not, so one rule's presence never shifts another's outcomes.
            var latencyRoll = dice.NextDouble();
            Span<double> rolls = stackalloc double[FailureOrder.Length + 1];
            for (var i = 0; i < rolls.Length; i++) rolls[i] = dice.NextDouble();
            // Drawn after the older kinds' rolls, so adding it left their outcomes for a seed as they were.
            var unauthorizedRoll = dice.NextDouble();

            var latency = TimeSpan.Zero;
            if (Last(FaultKind.Latency, method, path) is { } latencyRule)
            {
                var rule = _spec.Rules[latencyRule];
                latency = rule.MinDelay + ((rule.MaxDelay - rule.MinDelay) * latencyRoll);
            }

            for (var i = 0; i < FailureOrder.Length; i++)
            {
                if (Fires(FailureOrder[i], method, path, rolls[i])) return new FaultDecision(latency, FailureOrder[i], false);
            }

            if (Fires(FaultKind.Unauthorized, method, path, unauthorizedRoll)) return new FaultDecision(latency, FaultKind.Unauthorized, false);

            var isCreate = string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase)
                && string.Equals(path.TrimEnd('/'), "/v2/orders", StringComparison.OrdinalIgnoreCase);
            var lose = isCreate && Fires(FaultKind.LostCreate, method, path, rolls[^1]);
            return new FaultDecision(latency, null, lose);
        }
    }

    private bool Fires(FaultKind kind, string method, string path, double roll)
    {
        if (Last(kind, method, path) is not { } index) return false;
        var rule = _spec.Rules[index];
        if (rule.Count is not { } count) return roll < rule.Rate;
        if (_countUsed[index] >= count) return false;
        _countUsed[index]++;
        return true;
    }

    private int? Last(FaultKind kind, string method, string path)
    {
        for (var i = _spec.Rules.Count - 1; i >= 0; i--)
        {
            var rule = _spec.Rules[i];
            if (rule.Kind == kind && rule.Matches(method, path)) return i;
        }

        return null;
    }
}
