using System.Diagnostics.CodeAnalysis;
using Zun.Contracts;

namespace Zun.Client;

/// <summary>
/// How the conductor answered a submitted command: accepted (an outcome will follow) or rejected
/// (nothing was done, for <see cref="Reason"/>). Answers the REST API's question "202, or 409/400?".
/// </summary>
public sealed record OperationAcceptance
{
    public Guid OperationId { get; init; }

    /// <summary>The container the command is about; absent for image pulls.</summary>
    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    /// <summary>True when the conductor accepted the command; false when it rejected it.</summary>
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool Accepted { get; init; }

    /// <summary>Why the command was rejected, naming the field, or the action and the status.</summary>
    public string? Reason { get; init; }

    /// <summary>The container as the conductor saw it when it answered, when it knows the container.</summary>
    public ContainerSummary? Container { get; init; }

    internal static OperationAcceptance? FromEvent(object message) => message switch
    {
        OperationAccepted a => new() { OperationId = a.OperationId, ContainerId = a.ContainerId, Action = a.Action, Accepted = true, Container = a.Container },
        OperationRejected r => new() { OperationId = r.OperationId, ContainerId = r.ContainerId, Action = r.Action, Accepted = false, Reason = r.Reason, Container = r.Container },
        _ => null,
    };
}
