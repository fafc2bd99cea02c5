using Zun.Contracts;

namespace Zun.Worker.Runtime;

/// <summary>A container as the runtime reports it, in Zun's terms.</summary>
public sealed record RuntimeContainer(string RuntimeId, ContainerStatus Status, bool Running, int? ExitCode, string? StatusReason)
{
    /// <summary>Ports published on the host (only while the container runs; Docker releases them when it stops).</summary>
    public IReadOnlyList<PublishedPort> Ports { get; init; } = [];

    /// <summary>Docker removes the container itself once it exits.</summary>
    public bool AutoRemove { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Docker's health of a container with a health check (<c>starting</c>, <c>healthy</c>, <c>unhealthy</c>); null without one.</summary>
    public string? Health { get; init; }

    /// <summary>When the runtime created the container.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>A container the runtime has just started without error, known by its name rather than read back.</summary>
    public static RuntimeContainer Started(Guid containerId) =>
        new(ContainerLabels.DockerName(containerId), ContainerStatus.Running, Running: true, ExitCode: null, StatusReason: null);
}
