using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Scheduling;

/// <summary><c>Zun:Scheduler</c>: the conductor's durable message scheduler.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Zun:Scheduler";

    /// <summary>How often the store is checked for schedules added by other conductor instances.</summary>
    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long a claim on a due schedule lasts; another instance fires it if this one dies first.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Schedules fired per round.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}
