using System.Security.Cryptography;
using System.Text.Json;
using Zun.Conductor.Commands;
using Zun.Conductor.Tenancy;
using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>Which messages claim an operation id, what each claims, and how a command whose id is taken is refused.</summary>
internal static class OperationClaims
{
    /// <summary>Whether messages of <paramref name="messageType"/> carry an operation id of their own to claim.</summary>
    public static bool AreMadeBy(Type messageType) =>
        typeof(IZunCommand).IsAssignableFrom(messageType) || messageType == typeof(ExecInContainer);

    /// <summary>The claim <paramref name="message"/> makes; null for a message without an operation id of its own.</summary>
    public static OperationClaim? Of(object message) => message switch
    {
        // An empty id is refused by validation; an exec without one is given one.
        IZunCommand { OperationId: var id } when id == Guid.Empty => null,
        IContainerCommand command => Claim(command, command.OperationId, command.ContainerId, ContainerCommands.For(command).Action, command.ProjectId, command.UserId),
        PullImage pull => Claim(pull, pull.OperationId, containerId: null, ContainerAction.PullImage, pull.ProjectId, pull.UserId),
        RunJob job => Claim(job, job.OperationId, containerId: null, ContainerAction.RunJob, job.ProjectId, job.UserId),
        CancelJob cancel => Claim(cancel, cancel.OperationId, containerId: null, ContainerAction.CancelJob, cancel.ProjectId, cancel.UserId),
        ExecInContainer { OperationId: var id } exec when id != Guid.Empty => Claim(exec, id, exec.ContainerId, ContainerAction.Exec, exec.ProjectId, exec.UserId),
        _ => null,
    };

    /// <summary>The refusal of <paramref name="caller"/>'s command, which made <paramref name="claim"/>, whose id <paramref name="holder"/> holds.</summary>
    public static OperationRejected Rejection(ICallerScope caller, OperationClaim claim, OperationClaim holder, DateTimeOffset now) => new()
    {
        OperationId = claim.OperationId,
        ContainerId = claim.ContainerId,
        Action = claim.Action,
        Reason = Refusal(caller, claim, holder),
        ProjectId = claim.ProjectId,
        UserId = claim.UserId,
        Timestamp = now,
    };

    /// <summary>
    /// Why a command is refused whose id <paramref name="holder"/> holds. Another project's operation is not described:
    /// a project learns nothing of another's containers.
    /// </summary>
    private static string Refusal(ICallerScope caller, OperationClaim claim, OperationClaim holder)
    {
        var what = !caller.Sees(holder.ProjectId)
            ? "another operation"
            : holder.ContainerId == claim.ContainerId && holder.Action == claim.Action
                ? $"{holder.Describe()} with other fields"
                : holder.Describe();
        return $"operationId {claim.OperationId} is already used by {what}: a resend must repeat that command unchanged, and a new operation needs a new operationId";
    }

    private static OperationClaim Claim(
        object command, Guid operationId, Guid? containerId, ContainerAction action, string? projectId, string? userId) =>
        new(operationId, containerId, action, projectId, userId, Fingerprint(command));

    /// <summary>
    /// A hash of every field, as the command was read: the two channels (MassTransit envelope, plain JSON) deserialise
    /// into the same record, so the same command fingerprints the same whichever way it came.
    /// </summary>
    private static string Fingerprint(object command) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, command.GetType())).AsSpan(0, 16));
}
