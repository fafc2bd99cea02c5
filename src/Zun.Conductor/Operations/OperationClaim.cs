using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>
/// What a command asks an operation id to stand for: the operation's container (none for an image pull), its action,
/// who it acts for, and a fingerprint of the whole command. Another command that carries the same id is the
/// same operation resent only if its fingerprint is the same.
/// </summary>
public sealed record OperationClaim(
    Guid OperationId, Guid? ContainerId, ContainerAction Action, string? ProjectId, string? UserId, string Fingerprint)
{
    /// <summary>What the operation is, for a client told that its id is taken: the action and the container it is on.</summary>
    public string Describe() =>
        ContainerId is { } containerId ? $"{Action.ToString().ToLowerInvariant()} on container {containerId}"
        : Action switch
        {
            ContainerAction.RunJob => "a job's run",
            ContainerAction.CancelJob => "a job's cancel",
            _ => "an image pull",
        };
}
