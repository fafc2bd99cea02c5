using Zun.Conductor.Options;

namespace Zun.Conductor.Scheduling;

/// <summary>Where the conductor's scheduler listens.</summary>
internal static class SchedulerEndpoint
{
    public static string Name(ConductorOptions options) => $"{options.Endpoint}-scheduler";

    /// <summary>An exchange address, not a queue one, so that senders never declare the (quorum) queue themselves.</summary>
    public static Uri Address(ConductorOptions options) => new($"exchange:{Name(options)}");
}
