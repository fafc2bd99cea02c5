using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>How a status change of an attempt's container ends the attempt, if it does.</summary>
internal sealed record AttemptEnd(int? ExitCode, string? Reason, bool Ran, bool ContainerGone)
{
    public static AttemptEnd? Of(ContainerStatusChanged change) => change.Status switch
    {
        ContainerStatus.Stopped or ContainerStatus.Dead when change.ExitCode is { } code =>
            new(code, code == 0 ? null : ExitReason(code, change.StatusReason), Ran: true, ContainerGone: false),
        ContainerStatus.Error => new(change.ExitCode, change.StatusReason ?? "its container is in Error", Ran: false, ContainerGone: false),
        ContainerStatus.Deleted => new(null, "its container was deleted outside the job", Ran: false, ContainerGone: true),
        ContainerStatus.Unknown => new(null, $"host down ({change.StatusReason ?? "its host stopped reporting"})", Ran: false, ContainerGone: true),
        _ => null,
    };

    private static string ExitReason(int code, string? statusReason) =>
        statusReason is { } reason && reason.Contains("OOMKilled", StringComparison.Ordinal)
            ? $"OOMKilled (exit code {code})"
            : $"exited with code {code}";
}
