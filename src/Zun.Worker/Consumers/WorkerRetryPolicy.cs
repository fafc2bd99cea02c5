using MassTransit;

namespace Zun.Worker.Consumers;

/// <summary>
/// Retries for engine calls that failed for a reason that may pass (the engine restarting, a socket
/// timeout). Only the last attempt turns such a failure into a failed operation.
/// </summary>
internal static class WorkerRetryPolicy
{
    public static readonly TimeSpan[] Intervals =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    public static void Apply(IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseMessageRetry(r => r.Intervals(Intervals));

    /// <summary>
    /// Whether a failure should be thrown back for another attempt. A definite refusal by the engine
    /// never is; anything else is, until the attempts run out and the operation is reported failed,
    /// so that every operation still ends in exactly one outcome.
    /// </summary>
    public static bool ShouldRetry(ConsumeContext context, Exception exception) =>
        exception is not (Runtime.ContainerRuntimeException { IsTransient: false } or OperationCanceledException)
        && context.GetRetryAttempt() < Intervals.Length;
}
