using System.Text.RegularExpressions;
using Zun.Contracts;

namespace Zun.Conductor.Validation;

/// <summary>
/// Checks the fields of incoming commands before anything is recorded or sent to a host.
/// Each check returns null when the command is valid, otherwise a reason naming the field.
/// </summary>
internal static partial class CommandValidator
{
    /// <summary>Docker refuses a memory limit under 6 MiB.</summary>
    public const int MinimumMemoryMb = 6;

    /// <summary>
    /// The longest stop, restart or exec timeout accepted. Far beyond any graceful stop, and small enough that every
    /// deadline built on it stays a sensible time.
    /// </summary>
    public const int MaxTimeoutSeconds = 3600;

    private static readonly string[] RestartPolicies = ["no", "always", "on-failure", "unless-stopped"];
    private static readonly string[] PullPolicies = ["always", "ifnotpresent", "never"];

    /// <summary>A create's own fields; its ids are checked as every container command's are (<see cref="Ids"/>).</summary>
    public static string? Validate(CreateContainer command) =>
        Image(command.Image, "image")
        ?? Memory(command.MemoryMb)
        ?? Cpu(command.Cpu)
        ?? (command.Name is { } name ? Name(name) : null)
        ?? (command.Command is { } argv && argv.Any(a => a is null) ? "command must not contain null arguments" : null)
        ?? (command.Entrypoint is { } entrypoint && entrypoint.Any(a => a is null) ? "entrypoint must not contain null arguments" : null)
        ?? RestartPolicy(command.RestartPolicy)
        ?? (command.ExposedPorts ?? []).Select(ExposedPort).FirstOrDefault(r => r is not null)
        ?? (command.ImagePullPolicy is { } pull && !PullPolicies.Contains(pull.Trim().ToLowerInvariant())
            ? $"imagePullPolicy '{pull}' is not one of {string.Join(", ", PullPolicies)}"
            : null);

    public static string? Validate(PullImage command) =>
        (command.OperationId == Guid.Empty ? "operationId must be a non-empty UUID" : null)
        ?? Image(command.Image, "image");

    public static string? Validate(ExecInContainer command) =>
        command.Command is not { Length: > 0 } || command.Command.Any(string.IsNullOrEmpty)
            ? "command must be a non-empty list of non-empty arguments"
            : Timeout(command.TimeoutSeconds);

    public static string? Validate(GetContainerLogs command) =>
        command.Tail is < 0 ? $"tail must not be negative, got {command.Tail}" : null;

    public static string? Ids(IContainerCommand command) =>
        command.OperationId == Guid.Empty ? "operationId must be a non-empty UUID"
        : command.ContainerId == Guid.Empty ? "containerId must be a non-empty UUID"
        : null;

    public static string? Image(string? image, string field) =>
        string.IsNullOrWhiteSpace(image) ? $"{field} must not be empty"
        : !ImageReference().IsMatch(image.Trim()) ? $"{field} '{image}' is not a valid image reference"
        : null;

    public static string? Memory(int? memoryMb) =>
        memoryMb is { } memory && memory < MinimumMemoryMb ? $"memoryMb must be at least {MinimumMemoryMb} (MiB), got {memory}" : null;

    public static string? Cpu(double? cpu) =>
        cpu is { } cores && (cores <= 0 || double.IsNaN(cores) || double.IsInfinity(cores))
            ? $"cpu must be a positive number of cores, got {cores}"
            : null;

    public static string? Timeout(int? seconds) =>
        seconds is < 0 ? $"timeoutSeconds must not be negative, got {seconds}"
        : seconds is > MaxTimeoutSeconds ? $"timeoutSeconds must be at most {MaxTimeoutSeconds} (s), got {seconds}"
        : null;

    public static string? Name(string name) =>
        ContainerName().IsMatch(name) ? null : $"name '{name}' is not valid: use letters, digits, '_', '.' and '-', starting with a letter or digit";

    public static string? Repository(string? repository) =>
        string.IsNullOrWhiteSpace(repository) ? "repository must not be empty"
        : !RepositoryPattern().IsMatch(repository) ? $"repository '{repository}' is not a valid image repository"
        : null;

    public static string? Tag(string? tag) =>
        tag is { Length: > 0 } && !ImageTagPattern().IsMatch(tag) ? $"tag '{tag}' is not a valid image tag" : null;

    public static string? Signal(string? signal) =>
        Signals.Normalize(signal) is null ? $"signal '{signal}' is not a known signal" : null;

    private static string? RestartPolicy(RestartPolicy? policy)
    {
        if (policy is null)
            return null;
        if (!RestartPolicies.Contains(policy.Name))
            return $"restartPolicy name '{policy.Name}' is not one of {string.Join(", ", RestartPolicies)}";
        if (policy.MaximumRetryCount is < 0)
            return $"restartPolicy maximumRetryCount must not be negative, got {policy.MaximumRetryCount}";
        return policy.MaximumRetryCount is > 0 && policy.Name != "on-failure"
            ? "restartPolicy maximumRetryCount applies only to on-failure"
            : null;
    }

    private static string? ExposedPort(string port)
    {
        var match = PortSpec().Match(port ?? "");
        return match.Success && int.TryParse(match.Groups["port"].ValueSpan, out var number) && number is >= 1 and <= 65535
            ? null
            : $"exposedPorts entry '{port}' is not a port (1-65535) with an optional /tcp, /udp or /sctp";
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$")]
    private static partial Regex ContainerName();

    // Registry host (with port), path components, then an optional tag and digest.
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9._:/-]*[a-zA-Z0-9](@sha256:[a-f0-9]{64})?$|^[a-zA-Z0-9]$")]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._/:-]*[a-z0-9]$|^[a-z0-9]$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$")]
    private static partial Regex ImageTagPattern();

    [GeneratedRegex(@"^(?<port>[0-9]{1,5})(/(tcp|udp|sctp))?$")]
    private static partial Regex PortSpec();
}
