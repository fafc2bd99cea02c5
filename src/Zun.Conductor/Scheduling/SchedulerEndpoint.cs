using Zun.Conductor.Options;

namespace Zun.Conductor.Scheduling;

/// <summary>Where the conductor's scheduler listens.</summary>
internal static class SchedulerEndpoint
{
    public static string Name(ConductorOptions options) => $"{options.Endpoint}-scheduler";
}
