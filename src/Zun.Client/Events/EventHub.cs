namespace Zun.Client.Events;

/// <summary>
/// Hands every event the client's queue receives to the subscriptions that want it. Subscriptions
/// are made before the command they wait for is published, so none of its events can be missed.
/// </summary>
internal sealed class EventHub
{
    private readonly Lock _gate = new();
    private readonly List<EventSubscription> _subscriptions = [];

    public EventSubscription Subscribe(Func<ZunEvent, bool> filter, int capacity = 10_000)
    {
        var subscription = new EventSubscription(filter, capacity, Remove);
        lock (_gate)
            _subscriptions.Add(subscription);
        return subscription;
    }

    public void Deliver(object message)
    {
        var received = new ZunEvent(message);
        EventSubscription[] current;
        lock (_gate)
            current = [.. _subscriptions];

        foreach (var subscription in current)
            subscription.Offer(received);
    }

    /// <summary>Ends every subscription: their readers finish once they have read what was delivered.</summary>
    public void CompleteAll()
    {
        EventSubscription[] current;
        lock (_gate)
        {
            current = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (var subscription in current)
            subscription.Complete();
    }

    private void Remove(EventSubscription subscription)
    {
        lock (_gate)
            _subscriptions.Remove(subscription);
    }
}
