using System.Security.Cryptography;
using System.Text;
using Zun.Conductor.Persistence;

namespace Zun.Conductor.Jobs;

/// <summary>
/// One project's batch jobs that wait and that run an attempt, one document per project in the saga store. An attempt
/// starts only for the first waiting job (by submission) and only while fewer than the project's maximum run, and the
/// start is one write of this document through its version: two conductors cannot both start past the maximum.
/// </summary>
public sealed class JobQueueRecord : IRevisedRecord
{
    // Not part of the stored record (fields are neither serialised nor mapped).
    private int _revisions;

    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string? ProjectId { get; set; }

    public List<QueuedJob> Waiting { get; set; } = [];

    public List<Guid> Running { get; set; } = [];

    public int Revisions => _revisions;

    public static Guid IdOf(string? project)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(project is null ? "zun-job-queue" : $"zun-job-queue:{project}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static JobQueueRecord For(string? project) => new() { CorrelationId = IdOf(project), ProjectId = project };

    /// <summary>
    /// Starts <paramref name="job"/>'s attempt if it is first in line and a place to run is free; null when it runs (also
    /// when it already did), otherwise why it waits.
    /// </summary>
    public string? TryStart(QueuedJob job, int maxRunning)
    {
        if (Running.Contains(job.JobId))
            return null;

        if (!Waiting.Exists(w => w.JobId == job.JobId))
        {
            Waiting.Add(job);
            _revisions++;
        }

        var ahead = Waiting.Count(w => w.IsAheadOf(job));
        if (ahead > 0)
            return $"waits behind {ahead} earlier job{(ahead == 1 ? "" : "s")} of its project";
        if (Running.Count >= maxRunning)
            return $"its project runs {Running.Count} jobs, the most Zun:Jobs:MaxRunningPerProject allows";

        Waiting.RemoveAll(w => w.JobId == job.JobId);
        Running.Add(job.JobId);
        _revisions++;
        return null;
    }

    /// <summary>The job waits (for room, or its next attempt) in its place by submission, without running.</summary>
    public void Wait(QueuedJob job)
    {
        var changed = Running.Remove(job.JobId);
        if (!Waiting.Exists(w => w.JobId == job.JobId))
        {
            Waiting.Add(job);
            changed = true;
        }

        if (changed)
            _revisions++;
    }

    /// <summary>The job ended: it neither waits nor runs.</summary>
    public void Leave(Guid jobId)
    {
        if (Running.Remove(jobId) | Waiting.RemoveAll(w => w.JobId == jobId) > 0)
            _revisions++;
    }
}

/// <summary>A job in its project's line: first come, first served, the job id breaking ties.</summary>
public sealed record QueuedJob(Guid JobId, DateTimeOffset SubmittedAt)
{
    public bool IsAheadOf(QueuedJob other) =>
        JobId != other.JobId && (SubmittedAt < other.SubmittedAt || (SubmittedAt == other.SubmittedAt && JobId.CompareTo(other.JobId) < 0));
}
