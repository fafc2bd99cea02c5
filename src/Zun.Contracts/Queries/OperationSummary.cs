namespace Zun.Contracts;

/// <summary>One operation as recorded on its container.</summary>
public sealed record OperationSummary
{
    public Guid OperationId { get; init; }

    public ContainerAction Action { get; init; }

    public OperationState State { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset AcceptedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
