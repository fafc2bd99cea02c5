using Docker.DotNet.Models;
using ContainerStatus = Zun.Contracts.ContainerStatus;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Api.Tests.Infrastructure;

/// <summary>Waits on Zun's own events (never on sleeps) for what an API call set in motion.</summary>
public static class ContainerWaits
{
    public static Task<ContainerStatusChanged> Reaches(this ZunTestSystem zun, Guid containerId, ContainerStatus status, TimeSpan? timeout = null) =>
        zun.Events.WaitFor<ContainerStatusChanged>(c => c.ContainerId == containerId && c.Status == status, timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>The container as Docker has it; fails when Docker has no such container.</summary>
    public static async Task<ContainerInspectResponse> InDocker(this ZunTestSystem zun, Guid containerId) =>
        await zun.InspectInDocker(containerId) ?? throw new InvalidOperationException($"Docker has no container zun-{containerId}");

    public static async Task<State> DockerState(this ZunTestSystem zun, Guid containerId) =>
        (await zun.InDocker(containerId)).State ?? throw new InvalidOperationException($"Docker reports no state for zun-{containerId}");

    public static Task<object> Outcome(this ZunTestSystem zun, Guid operationId, TimeSpan? timeout = null) =>
        zun.Events.Outcome(operationId, timeout ?? TimeSpan.FromSeconds(60));
}
