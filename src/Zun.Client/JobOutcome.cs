using Zun.Contracts;

namespace Zun.Client;

/// <summary>How a job ended, whichever terminal event said so, or how it was refused before it was accepted.</summary>
public sealed record JobOutcome
{
    public Guid JobId { get; init; }

    /// <summary>Succeeded, Failed, TimedOut or Cancelled; null when the job was refused (<see cref="Rejected"/>).</summary>
    public JobState? State { get; init; }

    /// <summary>The last attempt's exit code, when it ran to one.</summary>
    public int? ExitCode { get; init; }

    public string? Reason { get; init; }

    public int Attempts { get; init; }

    public string Output { get; init; } = "";

    public bool OutputTruncated { get; init; }

    public bool Rejected => State is null;

    /// <summary>The event itself: <see cref="JobSucceeded"/>, <see cref="JobFailed"/>, <see cref="JobTimedOut"/>, <see cref="JobCancelled"/> or <see cref="OperationRejected"/>.</summary>
    public object Event { get; init; } = null!;

    /// <summary>The outcome <paramref name="message"/> is, for the job <paramref name="jobId"/> run as <paramref name="operationId"/>; null for any other event.</summary>
    public static JobOutcome? From(object message, Guid jobId, Guid operationId) => message switch
    {
        JobSucceeded e when e.JobId == jobId => new() { JobId = jobId, State = JobState.Succeeded, ExitCode = e.ExitCode, Attempts = e.Attempts, Output = e.Output, OutputTruncated = e.OutputTruncated, Event = e },
        JobFailed e when e.JobId == jobId => new() { JobId = jobId, State = JobState.Failed, ExitCode = e.ExitCode, Reason = e.Reason, Attempts = e.Attempts, Output = e.Output, OutputTruncated = e.OutputTruncated, Event = e },
        JobTimedOut e when e.JobId == jobId => new() { JobId = jobId, State = JobState.TimedOut, Reason = e.Reason, Attempts = e.Attempts, Output = e.Output, OutputTruncated = e.OutputTruncated, Event = e },
        JobCancelled e when e.JobId == jobId => new() { JobId = jobId, State = JobState.Cancelled, Reason = "cancelled", Attempts = e.Attempts, Output = e.Output, OutputTruncated = e.OutputTruncated, Event = e },
        OperationRejected e when e.OperationId == operationId => new() { JobId = jobId, Reason = e.Reason, Event = e },
        _ => null,
    };
}
