using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Options;

/// <summary><c>Zun:Jobs</c>: how long and how many of a project's batch jobs wait and run.</summary>
public sealed class JobOptions
{
    public const string Section = "Zun:Jobs";

    /// <summary>A job that has waited this long in Queued (for room, or behind its project's running jobs) ends TimedOut.</summary>
    [Range(1, 7 * 86_400)]
    public int MaxQueuedSeconds { get; set; } = 3600;

    /// <summary>How many of one project's jobs run an attempt at once; the others wait in Queued, in order of submission.</summary>
    [Range(1, 10_000)]
    public int MaxRunningPerProject { get; set; } = 20;

    /// <summary>
    /// How often a queued job looks for room by itself. A deletion or a job's end wakes queued jobs at once; this catches
    /// the room no event announces (a new host, a larger one).
    /// </summary>
    [Range(1, 3600)]
    public int QueuePollSeconds { get; set; } = 5;

    public TimeSpan MaxQueued => TimeSpan.FromSeconds(MaxQueuedSeconds);

    public TimeSpan QueuePoll => TimeSpan.FromSeconds(QueuePollSeconds);
}
