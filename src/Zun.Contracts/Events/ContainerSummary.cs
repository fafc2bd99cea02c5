namespace Zun.Contracts;

/// <summary>The container an operation event is about, as it is when the event is published.</summary>
public sealed record ContainerSummary
{
    public Guid ContainerId { get; init; }

    public string? Name { get; init; }

    public string Image { get; init; } = "";

    public ContainerStatus Status { get; init; }

    public TaskState? TaskState { get; init; }

    public string? StatusReason { get; init; }

    public string? Host { get; init; }

    public int? ExitCode { get; init; }

    public string? ProjectId { get; init; }

    public string? UserId { get; init; }
}
