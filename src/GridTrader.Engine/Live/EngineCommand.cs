namespace GridTrader.Engine.Live;

/// <summary>An operator command, executed on the engine's loop so it never races the trading logic.</summary>
public abstract record EngineCommand
{
    private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with a short result message when the loop has executed the command.</summary>
    public Task<string> Completion => _done.Task;

    internal void Complete(string message) => _done.TrySetResult(message);

    internal void Fail(Exception ex) => _done.TrySetException(ex);
}

public sealed record KillCommand(string Reason) : EngineCommand;

public sealed record ResumeCommand(string Reason) : EngineCommand;

/// <summary>Pauses one market, or every market when <see cref="Market"/> is null.</summary>
public sealed record PauseCommand(string? Market, string Reason) : EngineCommand;

/// <summary>Resumes one paused market.</summary>
public sealed record ResumeMarketCommand(string Market, string Reason) : EngineCommand;

/// <summary>Rebuilds a market's grid around the current price.</summary>
public sealed record RecenterCommand(string Market, string Reason) : EngineCommand;
