using System.Text.Json.Serialization;

namespace Zun.Contracts;

/// <summary>The fields a <see cref="ListContainers"/> can be ordered by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContainerSortKey>))]
public enum ContainerSortKey
{
    CreatedAt,
    UpdatedAt,
    ContainerId,
    Name,
    Image,
    Status,
    TaskState,
    Host,
    Cpu,
    Memory,
    ProjectId,
    UserId,
}
