namespace GridTrader.Engine.Live;

/// <summary>An operator command, executed on the engine's loop so it never races the trading logic.</summary>
public abstract record EngineCommand
{
    private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with a short result message when the loop has executed the command.</summary>
    public Task<string> Completion => _done.Task;

    internal virtual void Complete(string message) => _done.TrySetResult(message);

    internal virtual void Fail(Exception ex) => _done.TrySetException(ex);
}

public sealed record KillCommand(string Reason) : EngineCommand;

public sealed record ResumeCommand(string Reason) : EngineCommand;

/// <summary>Pauses one market, or every market when <see cref="Market"/> is null.</summary>
public sealed record PauseCommand(string? Market, string Reason) : EngineCommand;

/// <summary>Resumes one paused market.</summary>
public sealed record ResumeMarketCommand(string Market, string Reason) : EngineCommand;

/// <summary>Rebuilds a market's grid around the current price.</summary>
public sealed record RecenterCommand(string Market, string Reason) : EngineCommand;

/// <summary>What to do with a market's resting orders when it stops being traded.</summary>
public enum RestingOrders
{
    /// <summary>No choice made: refused while the market has live orders.</summary>
    Ask,

    /// <summary>Cancel them on the exchange first.</summary>
    Cancel,

    /// <summary>Leave them resting; they stop being the bot's (released: foreign, reported, untouched).</summary>
    Leave,
}

/// <summary>
/// A change of the traded markets. Besides the message of <see cref="EngineCommand.Completion"/> it answers with
/// <see cref="Result"/>: whether the change was made, or why not (a refusal changes nothing).
/// </summary>
public abstract record MarketCommand : EngineCommand
{
    private readonly TaskCompletionSource<MarketChangeResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MarketChangeResult? _answer;
    private int _stage; // 0 queued, 1 started by the loop, 2 withdrawn by the sender

    /// <summary>
    /// The sender stops waiting: a command the loop has not started yet is withdrawn (it will change nothing, and its
    /// <see cref="Result"/> says so); false when the loop already started it (then its result is the change's truth).
    /// </summary>
    public bool TryWithdraw(string message)
    {
        if (Interlocked.CompareExchange(ref _stage, 2, 0) != 0) return false;
        _result.TrySetResult(new MarketChangeResult(false, message));
        return true;
    }

    /// <summary>The loop starts the command; false when its sender withdrew it first.</summary>
    internal bool TryStart() => Interlocked.CompareExchange(ref _stage, 1, 0) == 0;

    /// <summary>Completes with <see cref="EngineCommand.Completion"/>, once the loop has published the snapshot that shows the change.</summary>
    public Task<MarketChangeResult> Result => _result.Task;

    internal string Answer(MarketChangeResult result)
    {
        _answer = result;
        return result.Message;
    }

    /// <summary>Completed with the handler's answer, or without one (the bot was starting or stopping): then nothing changed.</summary>
    internal override void Complete(string message)
    {
        _result.TrySetResult(_answer ?? new MarketChangeResult(false, message));
        base.Complete(message);
    }

    internal override void Fail(Exception ex)
    {
        _result.TrySetResult(new MarketChangeResult(false, ex.Message));
        base.Fail(ex);
    }
}

/// <summary>Starts trading a market that was not configured before (its configuration is <paramref name="Setup"/>).</summary>
public sealed record AddMarketCommand(MarketSetup Setup, string Reason) : MarketCommand;

/// <summary>Starts trading a configured market that was disabled.</summary>
public sealed record EnableMarketCommand(MarketSetup Setup, string Reason) : MarketCommand;

/// <summary>Stops trading a market that stays configured (disabled); its resting orders are cancelled or left.</summary>
public sealed record DisableMarketCommand(string Market, RestingOrders Orders, string Reason) : MarketCommand;

/// <summary>Stops trading a market that leaves the configuration; its resting orders are cancelled or left.</summary>
public sealed record RemoveMarketCommand(string Market, RestingOrders Orders, string Reason) : MarketCommand;
