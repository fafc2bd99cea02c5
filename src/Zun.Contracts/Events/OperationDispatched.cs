namespace Zun.Contracts;

/// <summary>The conductor handed an accepted operation to a worker host.</summary>
public sealed record OperationDispatched
{
    public Guid OperationId { get; init; }

    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    public string Host { get; init; } = "";

    public DateTimeOffset Timestamp { get; init; }
}
