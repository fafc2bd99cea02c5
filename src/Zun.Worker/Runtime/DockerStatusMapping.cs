using Zun.Contracts;
using DockerState = Docker.DotNet.Models.State;

namespace Zun.Worker.Runtime;

/// <summary>Docker's container states in Zun's terms, as OpenStack Zun maps them.</summary>
internal static class DockerStatusMapping
{
    public static ContainerStatus ToZunStatus(DockerState state) => state switch
    {
        { Paused: true } => ContainerStatus.Paused,
        { Restarting: true } => ContainerStatus.Restarting,
        { Running: true } => ContainerStatus.Running,
        { Dead: true } => ContainerStatus.Dead,
        _ => ToZunStatus(state.Status),
    };

    public static ContainerStatus ToZunStatus(string? dockerStatus) => dockerStatus switch
    {
        "running" => ContainerStatus.Running,
        "paused" => ContainerStatus.Paused,
        "restarting" => ContainerStatus.Restarting,
        "dead" => ContainerStatus.Dead,
        "exited" => ContainerStatus.Stopped,
        "created" => ContainerStatus.Created,
        "removing" => ContainerStatus.Deleting,
        _ => ContainerStatus.Unknown,
    };

    /// <summary>Docker's reason for a container's state, when it gives one.</summary>
    public static string? Reason(DockerState state) =>
        state.OOMKilled ? "OOMKilled"
        : !string.IsNullOrEmpty(state.Error) ? state.Error
        : null;
}
