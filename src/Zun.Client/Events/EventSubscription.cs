using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Zun.Client.Events;

/// <summary>
/// The events one caller wants, queued in the order they arrived until read. A reader that falls far
/// behind loses the oldest events rather than growing without bound.
/// </summary>
internal sealed class EventSubscription : IDisposable
{
    private readonly Func<ZunEvent, bool> _filter;
    private readonly Channel<ZunEvent> _channel;
    private readonly Action<EventSubscription> _onDispose;

    public EventSubscription(Func<ZunEvent, bool> filter, int capacity, Action<EventSubscription> onDispose)
    {
        _filter = filter;
        _onDispose = onDispose;
        _channel = Channel.CreateBounded<ZunEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
    }

    public ChannelReader<ZunEvent> Reader => _channel.Reader;

    public void Offer(ZunEvent received)
    {
        if (_filter(received))
            _channel.Writer.TryWrite(received);
    }

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Reads until cancelled or the client closes, then unsubscribes.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync<T>(Func<ZunEvent, T> select, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var received in _channel.Reader.ReadAllAsync(cancellationToken))
                yield return select(received);
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _onDispose(this);
    }
}
