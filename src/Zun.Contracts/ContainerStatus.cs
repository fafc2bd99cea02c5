using System.Text.Json.Serialization;

namespace Zun.Contracts;

/// <summary>A container's status, with the values and meanings of OpenStack Zun.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContainerStatus>))]
public enum ContainerStatus
{
    Creating,
    Created,
    Running,
    Stopped,
    Paused,
    Restarting,
    Rebuilding,
    Deleting,
    Deleted,
    Error,
    Unknown,
    Dead,
}
