using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Zun.Conductor.StateMachines;
using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>
/// One batch job (CorrelationId = JobId): what it runs, its attempts, and how it ended. Each attempt is a Zun container
/// of its own, with an id derived from the job's, so a decision made twice (a redelivered message) creates, kills or
/// deletes the same container with the same operation. Its methods are the decisions, each raising the job event that
/// says what happened, which the machine publishes once the record is saved.
/// </summary>
public sealed class TrackedJob : SagaStateMachineInstance, ISagaVersion, IRaisesEvents
{
    /// <summary>The label every attempt's container has: the job it belongs to.</summary>
    public const string JobLabel = "zun.job-id";

    // Not part of the stored record: what the current message's decisions raised.
    private readonly List<object> _raised = [];

    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Version { get; set; }

    public Guid OperationId { get; set; }

    public RunJob Request { get; set; } = new();

    public JobState State { get; set; }

    public string? ProjectId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Since when it waits in Queued (for room, or behind its project's jobs); null while it runs or has ended.</summary>
    public DateTimeOffset? QueuedSince { get; set; }

    /// <summary>Why it waits, or why it ended other than by success.</summary>
    public string? Reason { get; set; }

    public List<JobAttempt> Attempts { get; set; } = [];

    /// <summary>The container of the attempt in flight; empty between attempts, so a former attempt's events find no job.</summary>
    public Guid ContainerId { get; set; }

    /// <summary>Where the attempt in flight ends once its container is gone: null while it runs.</summary>
    public JobEnding? Ending { get; set; }

    /// <summary>The attempt's container is kept or already gone, so the job ends without waiting for its removal.</summary>
    public bool ContainerGone { get; set; }

    public string Output { get; set; } = "";

    public bool OutputTruncated { get; set; }

    public Guid? CancelOperationId { get; set; }

    public DateTimeOffset? FirstStartedAt { get; set; }

    /// <summary>When the job ended; the record is purged a retention period later.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    public Guid? DeadlineTokenId { get; set; }

    public Guid? RetryTokenId { get; set; }

    public Guid? QueueCheckTokenId { get; set; }

    public JobAttempt? CurrentAttempt => ContainerId == Guid.Empty ? null : Attempts.LastOrDefault();

    public bool HasEnded => State is JobState.Succeeded or JobState.Failed or JobState.TimedOut or JobState.Cancelled;

    public QueuedJob InLine => new(CorrelationId, SubmittedAt);

    public IReadOnlyList<object> TakeRaised()
    {
        var raised = _raised.ToArray();
        _raised.Clear();
        return raised;
    }

    public void Accept(RunJob command, DateTimeOffset now)
    {
        CorrelationId = command.JobId;
        OperationId = command.OperationId;
        Request = command;
        ProjectId = command.ProjectId;
        UserId = command.UserId;
        SubmittedAt = now;
        QueuedSince = now;
        State = JobState.Queued;
        _raised.Add(new JobAccepted { JobId = CorrelationId, OperationId = OperationId, ProjectId = ProjectId, UserId = UserId, Timestamp = now });
    }

    /// <summary>The job is refused before it is accepted: its operation is rejected, and nothing of it is kept.</summary>
    public void Refuse(RunJob command, string reason, DateTimeOffset now) =>
        _raised.Add(new OperationRejected
        {
            OperationId = command.OperationId, Action = ContainerAction.RunJob, Reason = reason, ProjectId = command.ProjectId,
            UserId = command.UserId, Timestamp = now,
        });

    /// <summary>Stays in Queued, saying why.</summary>
    public void WaitFor(string reason) => Reason = reason;

    /// <summary>An attempt begins: its container is created and run, with the job's id and the attempt's number in its environment.</summary>
    public CreateContainer BeginAttempt()
    {
        var number = Attempts.Count + 1;
        var attempt = new JobAttempt { Number = number, ContainerId = DerivedId($"attempt-{number}") };
        Attempts.Add(attempt);
        ContainerId = attempt.ContainerId;
        Ending = null;
        ContainerGone = false;
        QueuedSince = null;
        Reason = null;
        State = JobState.Running;
        return CreateOf(attempt);
    }

    /// <summary>The create of the attempt in flight, the same each time it is asked for.</summary>
    public CreateContainer CreateOf(JobAttempt attempt)
    {
        var job = Request;
        var environment = new Dictionary<string, string>(job.Environment ?? [], StringComparer.Ordinal)
        {
            ["ZUN_JOB_ID"] = CorrelationId.ToString("D"),
            ["ZUN_JOB_ATTEMPT"] = attempt.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var labels = new Dictionary<string, string>(job.Labels ?? [], StringComparer.Ordinal)
        {
            [JobLabel] = CorrelationId.ToString("D"),
            ["zun.job-attempt"] = attempt.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new CreateContainer
        {
            OperationId = DerivedId($"create-{attempt.Number}"),
            ContainerId = attempt.ContainerId,
            Image = job.Image,
            Command = job.Command,
            Entrypoint = job.Entrypoint,
            Environment = environment,
            Labels = labels,
            Cpu = job.Cpu,
            MemoryMb = job.MemoryMb,
            Workdir = job.Workdir,
            Host = job.Host,
            AvailabilityZone = job.AvailabilityZone,
            Run = true,
            ProjectId = ProjectId,
            UserId = UserId,
        };
    }

    /// <summary>The attempt's container runs: the first one starts the job's active deadline.</summary>
    public void AttemptRunning(string? host, DateTimeOffset now)
    {
        if (CurrentAttempt is not { StartedAt: null } attempt)
            return;

        Replace(attempt with { Host = host, StartedAt = now });
        FirstStartedAt ??= now;
        _raised.Add(new JobStarted { JobId = CorrelationId, Attempt = attempt.Number, Host = host, ContainerId = attempt.ContainerId, ProjectId = ProjectId, Timestamp = now });
    }

    /// <summary>
    /// The attempt's container exited with <paramref name="exitCode"/>, or the attempt failed before (or without) an exit,
    /// for <paramref name="reason"/>. A stop already decided (deadline, cancel) stays the ending.
    /// </summary>
    public void AttemptEnded(int? exitCode, string? reason, bool containerGone, DateTimeOffset now)
    {
        if (CurrentAttempt is not { } attempt || attempt.FinishedAt is not null)
            return;

        var failure = exitCode == 0 ? null : reason ?? $"exited with code {exitCode}";
        Replace(attempt with { ExitCode = exitCode, Reason = failure, FinishedAt = now, StartedAt = attempt.StartedAt ?? now });
        ContainerGone |= containerGone;
        Ending ??= failure is null ? JobEnding.Succeeded
            : attempt.Number < Request.MaxAttempts ? JobEnding.Retry
            : JobEnding.Failed;
        if (Ending is JobEnding.Failed)
            Reason = failure;
    }

    /// <summary>The deadline passed or a cancel came while an attempt runs: the attempt is stopped and the job ends so.</summary>
    public void Stop(JobEnding ending, string reason, Guid? cancelOperationId, DateTimeOffset now)
    {
        Ending = ending;
        Reason = reason;
        CancelOperationId ??= cancelOperationId;
        if (CurrentAttempt is { FinishedAt: null } attempt)
            Replace(attempt with { Reason = reason, FinishedAt = now, StartedAt = attempt.StartedAt ?? now });
    }

    /// <summary>The attempt's container was removed outside the job, or its removal failed: nothing is left to wait for.</summary>
    public void ContainerLeft() => ContainerGone = true;

    public void KeepOutput(string output, bool truncated)
    {
        Output = output;
        OutputTruncated = truncated;
    }

    /// <summary>
    /// The ended attempt's container is gone (or kept): the job ends, or, for a retry, waits <paramref name="backoff"/>
    /// and goes back in line; the time of the next attempt is returned for the retry's schedule.
    /// </summary>
    public DateTimeOffset? Conclude(TimeSpan backoff, DateTimeOffset now)
    {
        var attempt = Attempts.Last();
        ContainerId = Guid.Empty;
        switch (Ending)
        {
            case JobEnding.Retry:
                var next = now + backoff;
                State = JobState.Queued;
                QueuedSince = next;
                Reason = $"attempt {attempt.Number} failed ({attempt.Reason}); attempt {attempt.Number + 1} at {next:O}";
                _raised.Add(new JobAttemptFailed
                {
                    JobId = CorrelationId, Attempt = attempt.Number, ExitCode = attempt.ExitCode, Reason = attempt.Reason ?? "",
                    NextAttemptAt = next, ProjectId = ProjectId, Timestamp = now,
                });
                return next;
            case JobEnding.Succeeded:
                End(JobState.Succeeded, now);
                _raised.Add(new JobSucceeded
                {
                    JobId = CorrelationId, ExitCode = 0, Attempts = Attempts.Count, StartedAt = FirstStartedAt, FinishedAt = now,
                    Output = Output, OutputTruncated = OutputTruncated, ProjectId = ProjectId, Timestamp = now,
                });
                return null;
            case JobEnding.TimedOut:
                EndTimedOut(now);
                return null;
            case JobEnding.Cancelled:
                EndCancelled(now);
                return null;
            default:
                EndFailed(Reason ?? attempt.Reason ?? "the attempt failed", now);
                return null;
        }
    }

    /// <summary>The job ends Failed without (another) attempt: no host can ever take it, or its create was refused.</summary>
    public void EndFailed(string reason, DateTimeOffset now)
    {
        Reason = reason;
        End(JobState.Failed, now);
        _raised.Add(new JobFailed
        {
            JobId = CorrelationId, ExitCode = Attempts.LastOrDefault()?.ExitCode, Reason = reason, Attempts = Attempts.Count,
            Output = Output, OutputTruncated = OutputTruncated, ProjectId = ProjectId, Timestamp = now,
        });
    }

    /// <summary>Ends TimedOut between attempts (or before the first): nothing runs to be stopped.</summary>
    public void EndTimedOut(string reason, DateTimeOffset now)
    {
        Reason = reason;
        EndTimedOut(now);
    }

    /// <summary>Ends Cancelled between attempts (or before the first): nothing runs to be stopped.</summary>
    public void EndCancelled(Guid operationId, DateTimeOffset now)
    {
        Reason = "cancelled";
        CancelOperationId ??= operationId;
        EndCancelled(now);
    }

    /// <summary>The terminal event again, for a redelivered message whose first handling may have been saved without it going out.</summary>
    public void RaiseEndAgain(DateTimeOffset now)
    {
        var ended = FinishedAt ?? now;
        switch (State)
        {
            case JobState.Succeeded:
                _raised.Add(new JobSucceeded
                {
                    JobId = CorrelationId, ExitCode = 0, Attempts = Attempts.Count, StartedAt = FirstStartedAt, FinishedAt = ended,
                    Output = Output, OutputTruncated = OutputTruncated, ProjectId = ProjectId, Timestamp = ended,
                });
                break;
            case JobState.Failed:
                EndFailed(Reason ?? "", ended);
                break;
            case JobState.TimedOut:
                EndTimedOut(ended);
                break;
            case JobState.Cancelled:
                EndCancelled(ended);
                break;
        }
    }

    public JobInfo ToInfo() => new()
    {
        JobId = CorrelationId,
        State = State,
        Image = Request.Image,
        Command = Request.Command,
        Reason = Reason,
        MaxAttempts = Request.MaxAttempts,
        Attempts = Attempts,
        ExitCode = Attempts.LastOrDefault(a => a.FinishedAt is not null)?.ExitCode,
        Output = Output,
        OutputTruncated = OutputTruncated,
        ProjectId = ProjectId,
        UserId = UserId,
        SubmittedAt = SubmittedAt,
        FinishedAt = FinishedAt,
    };

    /// <summary>An id of this job's own (an attempt's container, an operation on it), the same in every conductor.</summary>
    public Guid DerivedId(string what)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"zun-job:{CorrelationId:D}:{what}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private void EndTimedOut(DateTimeOffset now)
    {
        End(JobState.TimedOut, now);
        _raised.Add(new JobTimedOut
        {
            JobId = CorrelationId, Attempts = Attempts.Count, Reason = Reason ?? "", Output = Output, OutputTruncated = OutputTruncated,
            ProjectId = ProjectId, Timestamp = now,
        });
    }

    private void EndCancelled(DateTimeOffset now)
    {
        End(JobState.Cancelled, now);
        _raised.Add(new JobCancelled
        {
            JobId = CorrelationId, OperationId = CancelOperationId ?? Guid.Empty, Attempts = Attempts.Count, Output = Output,
            OutputTruncated = OutputTruncated, ProjectId = ProjectId, Timestamp = now,
        });
    }

    private void End(JobState state, DateTimeOffset now)
    {
        State = state;
        ContainerId = Guid.Empty;
        QueuedSince = null;
        FinishedAt ??= now;
    }

    private void Replace(JobAttempt attempt) => Attempts[attempt.Number - 1] = attempt;
}

/// <summary>What an attempt that has ended leads to once its container is gone.</summary>
public enum JobEnding
{
    Succeeded,
    Retry,
    Failed,
    TimedOut,
    Cancelled,
}
