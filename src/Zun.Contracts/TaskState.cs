using System.Text.Json.Serialization;

namespace Zun.Contracts;

/// <summary>The operation in flight on a container, spelled on the wire as OpenStack Zun spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskState>))]
public enum TaskState
{
    [JsonStringEnumMemberName("image_pulling")] ImagePulling,
    [JsonStringEnumMemberName("container_creating")] ContainerCreating,
    [JsonStringEnumMemberName("container_starting")] ContainerStarting,
    [JsonStringEnumMemberName("container_stopping")] ContainerStopping,
    [JsonStringEnumMemberName("container_killing")] ContainerKilling,
    [JsonStringEnumMemberName("container_deleting")] ContainerDeleting,
    [JsonStringEnumMemberName("container_scheduling")] ContainerScheduling,
    [JsonStringEnumMemberName("container_rebooting")] ContainerRebooting,
    [JsonStringEnumMemberName("container_pausing")] ContainerPausing,
    [JsonStringEnumMemberName("container_unpausing")] ContainerUnpausing,
    [JsonStringEnumMemberName("container_updating")] ContainerUpdating,
    [JsonStringEnumMemberName("container_renaming")] ContainerRenaming,
    [JsonStringEnumMemberName("container_committing")] ContainerCommitting,
    [JsonStringEnumMemberName("container_rebuilding")] ContainerRebuilding,
}
