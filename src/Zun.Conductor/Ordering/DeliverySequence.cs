namespace Zun.Conductor.Ordering;

/// <summary>The turns of one channel's deliveries: delivery <c>n</c> goes once delivery <c>n - 1</c> has ended its turn.</summary>
internal sealed class DeliverySequence
{
    private readonly SortedDictionary<ulong, TaskCompletionSource> _waiting = [];
    private ulong? _lastEnded;

    /// <summary>True when it is the delivery's turn; false when the wait ran out first.</summary>
    public async Task<bool> WaitForTurn(ulong deliveryTag, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        lock (_waiting)
        {
            // The first delivery seen on a channel starts its sequence.
            _lastEnded ??= deliveryTag - 1;
            if (deliveryTag <= _lastEnded + 1)
                return true;

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[deliveryTag] = turn;
        }

        try
        {
            await turn.Task.WaitAsync(maxWait, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            // Treat the missing predecessors as ended, so the deliveries behind this one are not held up too.
            End(deliveryTag - 1);
            return false;
        }
    }

    public void End(ulong deliveryTag)
    {
        lock (_waiting)
        {
            if (_lastEnded is { } last && deliveryTag <= last)
                return;

            _lastEnded = deliveryTag;
            while (_waiting.Count > 0)
            {
                var (next, turn) = _waiting.First();
                if (next > _lastEnded + 1)
                    break;

                _waiting.Remove(next);
                turn.TrySetResult();
            }
        }
    }
}
