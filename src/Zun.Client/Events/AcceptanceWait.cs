namespace Zun.Client.Events;

/// <summary>Waits on an operation's subscription for the conductor's first answer: accepted or rejected.</summary>
internal static class AcceptanceWait
{
    public static async Task<OperationAcceptance> ForAsync(EventSubscription subscription, Guid operationId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Events of the operation that are neither (a status change that overtook the acceptance) are skipped.
            await foreach (var received in subscription.Reader.ReadAllAsync(deadline.Token))
            {
                if (OperationAcceptance.FromEvent(received.Message) is { } answer)
                    return answer;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZunTimeoutException($"the conductor did not accept or reject operation {operationId} within {timeout.TotalSeconds:0.#} s", operationId);
        }

        throw new ObjectDisposedException(nameof(ZunClient), $"the client closed while waiting for operation {operationId} to be accepted");
    }
}
