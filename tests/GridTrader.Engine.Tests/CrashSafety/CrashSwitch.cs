namespace GridTrader.Engine.Tests.CrashSafety;

/// <summary>Thrown where the process dies; nothing after it runs.</summary>
internal sealed class SimulatedCrashException(string where) : Exception($"simulated crash {where}");

/// <summary>
/// Where the process dies: right after the Nth store write commits, or in place of it (the exchange call before it
/// happened, its record did not). Once dead, every store write and every exchange call throws, so code that catches
/// the first exception cannot go on acting as if it were alive.
/// </summary>
internal sealed class CrashSwitch(int crashAtWrite, bool afterTheWrite)
{
    public int Writes { get; private set; }

    public bool Crashed { get; private set; }

    public string? Where { get; private set; }

    public void ThrowIfCrashed()
    {
        if (Crashed) throw new SimulatedCrashException($"(already dead: {Where})");
    }

    /// <summary>Runs one write, dying before or after it when it is the chosen one.</summary>
    public async ValueTask WriteAsync(string what, Func<ValueTask> write)
    {
        ThrowIfCrashed();
        var n = ++Writes;
        if (n == crashAtWrite && !afterTheWrite) Die($"instead of write {n} ({what})");
        await write();
        if (n == crashAtWrite && afterTheWrite) Die($"after write {n} ({what})");
    }

    private void Die(string where)
    {
        Crashed = true;
        Where = where;
        throw new SimulatedCrashException(where);
    }
}
