using MassTransit;
using Zun.Contracts;

namespace Zun.Worker.Consumers;

/// <summary>
/// Answers a query about one container straight to the client that asked (the conductor forwards the original request,
/// keeping its request id and response address): the result, <see cref="ContainerNotFound"/> when Docker has no such
/// container, or <see cref="RequestRejected"/> with the engine's reason. Every request gets exactly one answer.
/// </summary>
internal static class ContainerQueryResponder
{
    /// <param name="context">The request being answered.</param>
    /// <param name="containerId">The container asked about.</param>
    /// <param name="query">Reads the answer; null when the container does not exist.</param>
    /// <param name="retryable">Whether a transient failure may be retried; not for a query with effects, such as exec.</param>
    public static async Task Answer<TRequest, TResult>(
        ConsumeContext<TRequest> context, Guid containerId, Func<CancellationToken, Task<TResult?>> query, bool retryable = true)
        where TRequest : class
        where TResult : class
    {
        try
        {
            var result = await query(context.CancellationToken);
            if (result is null)
                await context.RespondAsync(new ContainerNotFound { ContainerId = containerId });
            else
                await context.RespondAsync(result);
        }
        catch (Exception e) when (e is not OperationCanceledException && !(retryable && WorkerRetryPolicy.ShouldRetry(context, e)))
        {
            await context.RespondAsync(new RequestRejected { ContainerId = containerId, Reason = e.Message });
        }
    }
}
