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

    public static string? Validate(CreateContainer command) =>
        Ids(command.OperationId, command.ContainerId)
        ?? Image(command.Image)
        ?? (command.MemoryMb is { } memory && memory < MinimumMemoryMb
            ? $"memoryMb must be at least {MinimumMemoryMb} (MiB), got {memory}"
            : null)
        ?? (command.Cpu is { } cpu && (cpu <= 0 || double.IsNaN(cpu) || double.IsInfinity(cpu))
            ? $"cpu must be a positive number of cores, got {cpu}"
            : null)
        ?? (command.Name is { } name && !ContainerName().IsMatch(name)
            ? $"name '{name}' is not valid: use letters, digits, '_', '.' and '-', starting with a letter or digit"
            : null)
        ?? (command.Command is { } argv && argv.Any(a => a is null)
            ? "command must not contain null arguments"
            : null);

    public static string? Validate(KillContainer command) =>
        Ids(command.OperationId, command.ContainerId)
        ?? (Signals.Normalize(command.Signal) is null ? $"signal '{command.Signal}' is not a known signal" : null);

    public static string? Validate(StopContainer command) =>
        Ids(command.OperationId, command.ContainerId)
        ?? (command.TimeoutSeconds is < 0 ? $"timeoutSeconds must not be negative, got {command.TimeoutSeconds}" : null);

    public static string? Validate(StartContainer command) => Ids(command.OperationId, command.ContainerId);

    public static string? Validate(DeleteContainer command) => Ids(command.OperationId, command.ContainerId);

    public static string? Validate(PullImage command) =>
        (command.OperationId == Guid.Empty ? "operationId must be a non-empty UUID" : null)
        ?? Image(command.Image);

    private static string? Ids(Guid operationId, Guid containerId) =>
        operationId == Guid.Empty ? "operationId must be a non-empty UUID"
        : containerId == Guid.Empty ? "containerId must be a non-empty UUID"
        : null;

    private static string? Image(string? image) =>
        string.IsNullOrWhiteSpace(image) ? "image must not be empty"
        : !ImageReference().IsMatch(image) ? $"image '{image}' is not a valid image reference"
        : null;

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$")]
    private static partial Regex ContainerName();

    // Registry host (with port), path components, then an optional tag and digest.
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9._:/-]*[a-zA-Z0-9](@sha256:[a-f0-9]{64})?$|^[a-zA-Z0-9]$")]
    private static partial Regex ImageReference();
}
