namespace GridTrader.FiriMock;

/// <summary>
/// A small seeded generator (SplitMix64) whose sequence is fixed by its seed on every platform and runtime,
/// so a mock run with <c>--seed N</c> injects the same faults and walks the same prices each time.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state = state;

    /// <summary>An independent stream for item <paramref name="index"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static SplitMix64 For(int seed, long index)
    {
        var mixer = new SplitMix64(unchecked(((ulong)(uint)seed * Golden) ^ (ulong)index));
        return new SplitMix64(mixer.NextUInt64());
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += Golden;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
