using Zun.Conductor.Commands;
using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>Checks a <see cref="RunJob"/>: its own fields, and its attempts' container as every create is checked.</summary>
internal static class JobValidator
{
    public const int MaxAttempts = 100;
    public const int MaxBackoffSeconds = 86_400;
    public const int MaxDeadlineSeconds = 30 * 86_400;
    public const int MaxKeepOutputBytes = 1024 * 1024;

    public static string? Validate(RunJob job, ResourceLimits limits) =>
        (job.JobId == Guid.Empty ? "jobId must be a non-empty UUID" : null)
        ?? (job.MaxAttempts is < 1 or > MaxAttempts ? $"maxAttempts must be from 1 to {MaxAttempts}, got {job.MaxAttempts}" : null)
        ?? (job.RetryBackoffSeconds is < 0 or > MaxBackoffSeconds ? $"retryBackoffSeconds must be from 0 to {MaxBackoffSeconds}, got {job.RetryBackoffSeconds}" : null)
        ?? (job.ActiveDeadlineSeconds is < 1 or > MaxDeadlineSeconds ? $"activeDeadlineSeconds must be from 1 to {MaxDeadlineSeconds}, got {job.ActiveDeadlineSeconds}" : null)
        ?? (job.KeepOutputBytes is < 0 or > MaxKeepOutputBytes ? $"keepOutputBytes must be from 0 to {MaxKeepOutputBytes}, got {job.KeepOutputBytes}" : null)
        ?? ContainerCommands.Create.Validate(FirstAttempt(job), limits);

    private static CreateContainer FirstAttempt(RunJob job)
    {
        var draft = new TrackedJob { CorrelationId = job.JobId, Request = job, ProjectId = job.ProjectId, UserId = job.UserId };
        var create = draft.BeginAttempt();
        return create with { OperationId = job.OperationId };
    }
}
