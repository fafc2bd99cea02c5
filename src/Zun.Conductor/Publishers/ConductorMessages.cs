using System.Collections.Frozen;
using MassTransit;
using Zun.Conductor.Commands;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Publishers;

/// <summary>The message types the conductor consumes, each of the kind that says whom it is trusted from.</summary>
internal static class ConductorMessages
{
    /// <summary>The requests clients send the conductor.</summary>
    public static IReadOnlyList<Type> Queries { get; } =
    [
        typeof(GetContainer), typeof(ListContainers), typeof(GetOperation), typeof(ListHosts),
        typeof(ExecInContainer), typeof(GetContainerLogs), typeof(GetContainerTop), typeof(GetContainerStats),
        typeof(GetArchive), typeof(PutArchive),
        typeof(EnableService), typeof(DisableService), typeof(ForceDownService), typeof(DeleteService),
        typeof(GetQuota), typeof(GetDefaultQuota), typeof(UpdateQuota), typeof(DeleteQuota), typeof(GetQuotaClass), typeof(UpdateQuotaClass),
        typeof(GetJob), typeof(ListJobs),
        typeof(CreateVolume), typeof(DeleteVolume), typeof(GetVolume), typeof(ListVolumes),
    ];

    /// <summary>What workers publish about their hosts and containers.</summary>
    public static IReadOnlyList<Type> HostReports { get; } =
    [
        typeof(WorkerHeartbeat), typeof(HostInventory), typeof(ContainerObserved), typeof(ContainerActionCompleted),
        typeof(ContainerActionFailed), typeof(ExecFinished), typeof(ImagePulled), typeof(ImagePullFailed), typeof(VolumeOnHost),
    ];

    private static readonly FrozenDictionary<string, (MessageKind Kind, Type Type)> ByUrn =
        ContainerCommands.TypesByName.Values.Select(t => (MessageKind.Command, t))
            .Concat(Queries.Select(t => (MessageKind.Query, t)))
            .Concat(HostReports.Select(t => (MessageKind.HostReport, t)))
            .ToFrozenDictionary(k => MessageUrn.ForTypeString(k.t), k => (k.Item1, k.t), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What the delivery is, by the first message type it names that the conductor knows; any other type it names is the
    /// conductor's own. Null for a delivery that names none: a plain-JSON command, whose consumer checks the command it reads.
    /// </summary>
    public static (MessageKind Kind, Type? Type, string Name)? Of(ConsumeContext context)
    {
        string? first = null;
        foreach (var urn in context.SupportedMessageTypes)
        {
            if (ByUrn.TryGetValue(urn, out var known))
                return (known.Kind, known.Type, known.Type.Name);
            first ??= urn;
        }

        return first is null ? null : (MessageKind.Own, null, first);
    }
}
