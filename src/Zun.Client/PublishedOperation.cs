using Zun.Contracts;

namespace Zun.Client;

/// <summary>A command that was published (and confirmed by the broker) without waiting for its outcome.</summary>
public sealed record PublishedOperation
{
    public Guid OperationId { get; init; }

    /// <summary>The container the command is about; absent for image pulls.</summary>
    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }
}
