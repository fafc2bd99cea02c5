using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>
/// Claims a command's operation id before the command reaches its state machine (<see cref="IOperationJournal.Claim"/>):
/// a command whose id stands for another operation (another container, another action, other fields) is refused
/// there, and only a true resend goes on, to be recognised as one. Sits inside the outbox, so the refusal goes out
/// once the consume has succeeded, like every event.
/// </summary>
internal sealed partial class OperationClaimFilter<T>(
    IOperationJournal journal, OperationEventPublisher publisher, TimeProvider clock, ILogger<OperationClaimFilter<T>> logger) :
    IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Message is not ICallerScope caller
            || OperationClaims.Of(caller) is not { } claim
            || await journal.Claim(claim, context.CancellationToken) is not { } holder)
        {
            await next.Send(context);
            return;
        }

        var rejected = OperationClaims.Rejection(caller, claim, holder, clock.GetUtcNow());
        LogTaken(logger, claim.Action, claim.OperationId, claim.ContainerId, rejected.Reason);
        await publisher.RejectedAsTaken(context, rejected, claim);

        // An exec is also a request, whose client waits for an answer.
        if (context.Message is ExecInContainer exec)
            await context.RespondAsync(new RequestRejected { ContainerId = exec.ContainerId, Reason = rejected.Reason });
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("operationClaim");

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Action} {OperationId} on container {ContainerId}: {Reason}")]
    private static partial void LogTaken(ILogger logger, ContainerAction action, Guid operationId, Guid? containerId, string reason);
}
