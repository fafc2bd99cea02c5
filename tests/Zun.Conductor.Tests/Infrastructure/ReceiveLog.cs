using MassTransit;

namespace Zun.Conductor.Tests.Infrastructure;

/// <summary>
/// Which receive endpoint has finished with which message, including what it sent and published from
/// its outbox. The harness's own consumed-message list keeps a message once however many endpoints
/// receive it, and a saga endpoint that finds no instance records nothing there, so a test that must
/// know that one endpoint has seen a message waits here.
/// </summary>
public sealed class ReceiveLog : IReceiveObserver
{
    private readonly Lock _gate = new();
    private readonly HashSet<(Guid MessageId, string Endpoint)> _handled = [];
    private readonly Dictionary<(Guid MessageId, string Endpoint), TaskCompletionSource> _waiters = [];

    public Task Handled(Guid messageId, string endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var key = (messageId, endpoint);
        lock (_gate)
        {
            if (_handled.Contains(key))
                return Task.CompletedTask;

            if (!_waiters.TryGetValue(key, out var waiter))
                _waiters[key] = waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            return waiter.Task.WaitAsync(timeout, cancellationToken);
        }
    }

    Task IReceiveObserver.PreReceive(ReceiveContext context) => Task.CompletedTask;

    Task IReceiveObserver.PostReceive(ReceiveContext context)
    {
        Record(context);
        return Task.CompletedTask;
    }

    Task IReceiveObserver.PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) => Task.CompletedTask;

    Task IReceiveObserver.ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) => Task.CompletedTask;

    Task IReceiveObserver.ReceiveFault(ReceiveContext context, Exception exception)
    {
        Record(context);
        return Task.CompletedTask;
    }

    private void Record(ReceiveContext context)
    {
        if (context.GetMessageId() is not { } messageId)
            return;

        var key = (messageId, context.InputAddress.AbsolutePath.Split('/')[^1]);
        lock (_gate)
        {
            _handled.Add(key);
            if (_waiters.Remove(key, out var waiter))
                waiter.TrySetResult();
        }
    }
}
