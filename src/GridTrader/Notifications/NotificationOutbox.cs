using System.Threading.Channels;

namespace GridTrader.Notifications;

/// <summary>
/// Bounded hand-over from the engine to the dispatcher. Writing never blocks: when the queue is full the oldest
/// notification is dropped and counted, so a slow or dead notification channel can never stall trading.
/// </summary>
public sealed class NotificationOutbox
{
    public const int DefaultCapacity = 1000;

    private readonly Channel<Notification> _channel;
    private long _droppedTotal;
    private long _droppedUnreported;

    public NotificationOutbox(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _channel = Channel.CreateBounded<Notification>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _droppedTotal);
                Interlocked.Increment(ref _droppedUnreported);
            });
    }

    public ChannelReader<Notification> Reader => _channel.Reader;

    /// <summary>Notifications dropped because the queue was full, since start.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>Never blocks; false only after <see cref="Complete"/>.</summary>
    public bool TryWrite(Notification notification) => _channel.Writer.TryWrite(notification);

    /// <summary>Drops counted since the last call, for the next message to mention.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _droppedUnreported, 0);

    /// <summary>No more notifications will be written; the dispatcher sends what is left and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
