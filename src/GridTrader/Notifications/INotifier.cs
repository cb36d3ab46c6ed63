namespace GridTrader.Notifications;

/// <summary>A channel that delivers text to the operator (Telegram, Discord).</summary>
public interface INotifier
{
    /// <summary>Short name used in logs (<c>telegram</c>, <c>discord</c>).</summary>
    string Name { get; }

    /// <summary>Delivers <paramref name="text"/>, split into several posts when the channel limits length. Does not throw for delivery failures.</summary>
    Task<NotifyResult> SendAsync(string text, CancellationToken ct = default);
}
