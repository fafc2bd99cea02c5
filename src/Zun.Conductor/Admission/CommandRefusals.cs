using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Conductor.Commands;
using Zun.Conductor.Operations;
using Zun.Contracts;

namespace Zun.Conductor.Admission;

/// <summary>
/// Tells the client that its command could not be read, the same way whichever channel it came by: an
/// <see cref="OperationRejected"/> for its operation (with its record and notification, like every rejection) when the
/// command names one, otherwise an <see cref="UnreadableCommandException"/>, which parks it and sends a
/// <c>command.error</c> notification.
/// </summary>
internal sealed partial class CommandRefusals(OperationEventPublisher events, TimeProvider clock, ILogger<CommandRefusals> logger)
{
    public Task Refuse(ConsumeContext context, CommandReading refused)
    {
        var problem = refused.Problem ?? throw new ArgumentException("the command was read", nameof(refused));
        var address = refused.Address;
        if (address.OperationId is not { } operationId)
            throw UnreadableCommandException.Of(refused.CommandType, problem);

        var action = ContainerCommands.ActionOf(refused.CommandType);
        LogRefused(logger, action, operationId, address.ContainerId, problem);
        return events.Rejected(context, new OperationRejected
        {
            OperationId = operationId,
            ContainerId = address.ContainerId,
            Action = action,
            Reason = problem,
            ProjectId = address.ProjectId,
            UserId = address.UserId,
            Timestamp = clock.GetUtcNow(),
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused unreadable {Action} {OperationId} on container {ContainerId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, ContainerAction action, Guid operationId, Guid? containerId, string reason);
}
