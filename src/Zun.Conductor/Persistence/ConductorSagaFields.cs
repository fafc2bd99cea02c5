using Microsoft.Extensions.DependencyInjection;
using Zun.Conductor.Operations;
using Zun.Conductor.StateMachines;
using Zun.Conductor.Volumes;

namespace Zun.Conductor.Persistence;

/// <summary>What the conductor filters its sagas on: the state machines' queries, and what operators list by.</summary>
internal static class ConductorSagaFields
{
    public static SagaFieldMap<TrackedContainer> Containers { get; } =
        SagaFieldMap<TrackedContainer>.Of(x => x.CurrentState, x => x.Status, x => x.Host, x => x.RequestedHost, x => x.ProjectId);

    public static SagaFieldMap<TrackedOperation> Operations { get; } =
        SagaFieldMap<TrackedOperation>.Of(x => x.CurrentState, x => x.Status, x => x.Host, x => x.ProjectId, x => x.ContainerId)
            .WithEndTime(x => x.FinishedAt);

    public static SagaFieldMap<ImagePull> ImagePulls { get; } =
        SagaFieldMap<ImagePull>.Of(x => x.CurrentState, x => x.Host, x => x.RequestedHost, x => x.ProjectId)
            .WithEndTime(x => x.FinishedAt);

    public static SagaFieldMap<Jobs.TrackedJob> Jobs { get; } =
        SagaFieldMap<Jobs.TrackedJob>.Of(x => x.CurrentState, x => x.ProjectId, x => x.ContainerId)
            .WithEndTime(x => x.FinishedAt);

    public static SagaFieldMap<VolumeRecord> Volumes { get; } = SagaFieldMap<VolumeRecord>.Of(x => x.ProjectId, x => x.Name, x => x.Host);

    public static IServiceCollection AddConductorSagaFields(this IServiceCollection services) =>
        services.AddSingleton(Containers).AddSingleton(Operations).AddSingleton(ImagePulls).AddSingleton(Jobs).AddSingleton(Volumes);
}
