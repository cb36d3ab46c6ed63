namespace GridTrader.Engine.Trading;

/// <summary>
/// A kill request that takes effect at once, from any thread: placements check it before anything else, so a kill
/// is instant even while the loop is busy with slow calls. The loop clears it once the kill-switch itself is engaged.
/// </summary>
public sealed class HaltSignal
{
    private volatile bool _requested;

    public bool Requested => _requested;

    public void Request() => _requested = true;

    public void Clear() => _requested = false;
}
