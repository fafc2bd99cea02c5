namespace Zun.Contracts;

/// <summary>Cancels a job that has not ended: a running attempt is killed, and the job ends in <see cref="JobCancelled"/>.</summary>
public sealed record CancelJob : IZunCommand
{
    public Guid OperationId { get; init; }

    public Guid JobId { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
