using System.Globalization;
using System.Text.RegularExpressions;
using Zun.Conductor.Options;
using Zun.Contracts;
using Zun.Hosting;

namespace Zun.Conductor.Validation;

/// <summary>
/// Checks the fields of incoming commands before anything is recorded or sent to a host: what Docker would refuse is
/// refused here. Each check returns null when the command is valid, otherwise a reason naming the field, quoting bad
/// input through <see cref="Quoted"/>.
/// </summary>
internal static partial class CommandValidator
{
    /// <summary>Docker refuses a memory limit under 6 MiB.</summary>
    public const int MinimumMemoryMb = 6;

    private const int MaxHealthcheckCommandLength = 255;
    private const int MaxHealthcheckSeconds = 86_400;
    private const int MaxHealthcheckRetries = 1_000;

    /// <summary>
    /// The longest stop, restart or exec timeout accepted. Far beyond any graceful stop, and small enough that every
    /// deadline built on it stays a sensible time.
    /// </summary>
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>Docker refuses a cpu limit under a hundredth of a core.</summary>
    public const double MinimumCpu = 0.01;

    /// <summary>RFC 1123: a host name is at most 253 characters.</summary>
    public const int MaxHostnameLength = 253;

    /// <summary>Linux's PATH_MAX, less its terminating NUL.</summary>
    public const int MaxPathLength = 4095;

    private static readonly string[] RestartPolicies = ["no", "always", "on-failure", "unless-stopped"];
    private static readonly string[] PullPolicies = ["always", "ifnotpresent", "never"];

    /// <summary>
    /// A create's own fields; its ids are checked as every container command's are (<see cref="Ids"/>), and its cpu and
    /// memory against the limits of where it would run (<see cref="ResourceLimits"/>).
    /// </summary>
    public static string? Validate(CreateContainer command) =>
        Image(command.Image, "image")
        ?? (command.Name is { } name ? Name(name) : null)
        ?? Hostname(command.Hostname)
        ?? Workdir(command.Workdir)
        ?? EnvironmentNames(command.Environment)
        ?? (command.Labels is { } labels && labels.ContainsKey("") ? "labels must not have an empty key" : null)
        ?? (command.Command is { } argv && argv.Any(a => a is null) ? "command must not contain null arguments" : null)
        ?? (command.Entrypoint is { } entrypoint && entrypoint.Any(a => a is null) ? "entrypoint must not contain null arguments" : null)
        ?? ProcessArguments.Check(command.Entrypoint, command.Command, command.Environment)
        ?? RestartPolicy(command.RestartPolicy)
        ?? AvailabilityZone(command.AvailabilityZone)
        ?? Hints(command.Hints)
        ?? Healthcheck(command.Healthcheck)
        ?? (command.ExposedPorts ?? []).Select(ExposedPort).FirstOrDefault(r => r is not null)
        ?? (command.ImagePullPolicy is { } pull && !PullPolicies.Contains(pull.Trim().ToLowerInvariant())
            ? $"imagePullPolicy {Quoted.Value(pull)} is not one of {string.Join(", ", PullPolicies)}"
            : null);

    /// <summary>A health check: a command of at most 255 characters (upstream's bound), and positive seconds and retries Docker accepts.</summary>
    public static string? Healthcheck(Healthcheck? healthcheck) => healthcheck switch
    {
        null => null,
        { Command: var command } when string.IsNullOrWhiteSpace(command) => "healthcheck.cmd must not be empty",
        { Command.Length: > MaxHealthcheckCommandLength } => $"healthcheck.cmd must be at most {MaxHealthcheckCommandLength} characters, got {healthcheck.Command.Length}",
        { Command: var command } when command.Any(char.IsControl) => "healthcheck.cmd must not contain control characters",
        { IntervalSeconds: < 1 or > MaxHealthcheckSeconds } => $"healthcheck.interval must be from 1 to {MaxHealthcheckSeconds} (s), got {healthcheck.IntervalSeconds}",
        { TimeoutSeconds: < 1 or > MaxHealthcheckSeconds } => $"healthcheck.timeout must be from 1 to {MaxHealthcheckSeconds} (s), got {healthcheck.TimeoutSeconds}",
        { Retries: < 0 or > MaxHealthcheckRetries } => $"healthcheck.retries must be from 0 to {MaxHealthcheckRetries}, got {healthcheck.Retries}",
        _ => null,
    };

    public static string? Validate(PullImage command) =>
        (command.OperationId == Guid.Empty ? "operationId must be a non-empty UUID" : null)
        ?? Image(command.Image, "image");

    public static string? Validate(ExecInContainer command) =>
        command.Command is not { Length: > 0 } || command.Command.Any(string.IsNullOrEmpty)
            ? "command must be a non-empty list of non-empty arguments"
            : ProcessArguments.Check("command", command.Command) ?? Timeout(command.TimeoutSeconds);

    public static string? Validate(GetContainerLogs command) =>
        command.Tail is < 0 ? $"tail must not be negative, got {command.Tail}" : null;

    public static string? Validate(GetArchive request) => ArchivePath(request.Path);

    public static string? Validate(PutArchive request) =>
        ArchivePath(request.Path) ?? (string.IsNullOrEmpty(request.Data) ? "data must be a base64-encoded tar archive; it is empty" : null);

    public static string? Ids(IContainerCommand command) =>
        command.OperationId == Guid.Empty ? "operationId must be a non-empty UUID"
        : command.ContainerId == Guid.Empty ? "containerId must be a non-empty UUID"
        : null;

    /// <summary>A whole image reference, with optional tag and digest (<see cref="ImageReference"/>).</summary>
    public static string? Image(string? image, string field)
    {
        if (string.IsNullOrWhiteSpace(image))
            return $"{field} must not be empty";

        return ImageReference.Parse(image, out var problem) is null
            ? $"{field} {Quoted.Value(image)} is not a valid image reference: {problem}"
            : null;
    }

    public static string? Memory(int? memoryMb, int minMemoryMb, int maxMemoryMb) => memoryMb switch
    {
        < MinimumMemoryMb => $"memoryMb must be at least {MinimumMemoryMb} (MiB), got {memoryMb}",
        { } memory when memory < minMemoryMb => $"memoryMb must be at least {minMemoryMb} (MiB, {LimitsOptions.Section}:MinMemoryMb), got {memory}",
        { } memory when memory > maxMemoryMb => $"memoryMb must be at most {maxMemoryMb} (MiB, {LimitsOptions.Section}:MaxMemoryMb), got {memory}",
        _ => null,
    };

    /// <summary>
    /// A cpu limit in cores: positive, at least what Docker accepts and <paramref name="minCpu"/>, at most
    /// <paramref name="maxCpu"/> and the cores of the host when known.
    /// </summary>
    public static string? Cpu(double? cpu, double minCpu, double? maxCpu, HostCores? cores) => cpu switch
    {
        null => null,
        { } c when c <= 0 || double.IsNaN(c) || double.IsInfinity(c) => $"cpu must be a positive number of cores, got {Number(c)}",
        < MinimumCpu => $"cpu must be at least {Number(MinimumCpu)} (cores), got {Number(cpu.Value)}",
        { } c when c < minCpu => $"cpu must be at least {Number(minCpu)} (cores, {LimitsOptions.Section}:MinCpu), got {Number(c)}",
        { } c when c > maxCpu => $"cpu must be at most {Number(maxCpu.Value)} (cores, {LimitsOptions.Section}:MaxCpu), got {Number(c)}",
        { } c when cores is not null && c > cores.Count => $"cpu must be at most {cores.Count} (the cores of {cores.Which}), got {Number(c)}",
        _ => null,
    };

    public static string? Timeout(int? seconds) =>
        seconds is < 0 ? $"timeoutSeconds must not be negative, got {seconds}"
        : seconds is > MaxTimeoutSeconds ? $"timeoutSeconds must be at most {MaxTimeoutSeconds} (s), got {seconds}"
        : null;

    public static string? Name(string name) =>
        ContainerName().IsMatch(name)
            ? null
            : $"name {Quoted.Value(name)} is not valid: use letters, digits, '_', '.' and '-', starting with a letter or digit, at most 255 characters";

    /// <summary>A zone name as a worker's <c>Zun:Worker:AvailabilityZone</c> may be set to.</summary>
    public static string? AvailabilityZone(string? zone) =>
        string.IsNullOrWhiteSpace(zone) || ZoneName().IsMatch(zone.Trim())
            ? null
            : $"availabilityZone {Quoted.Value(zone)} is not a zone name: letters, digits, '_', '.', ':' and '-', starting with a letter or digit, at most 255 characters";

    /// <summary>
    /// Scheduler hints: <c>label:&lt;key&gt;</c> names a host label the container needs. Upstream ignores hints it does not
    /// know; here a hint no filter reads is refused, so that a mistyped one is not silently dropped.
    /// </summary>
    public static string? Hints(Dictionary<string, string>? hints)
    {
        foreach (var (key, value) in hints ?? [])
        {
            if (!key.StartsWith(Placement.PlacementRequest.LabelHintPrefix, StringComparison.Ordinal))
                return $"hints {Quoted.Value(key)} is not a hint this scheduler reads (only label:<key>=<value>)";
            if (key.Length == Placement.PlacementRequest.LabelHintPrefix.Length)
                return "hints label: must name a label (label:<key>)";
            if (value is null)
                return $"hints {Quoted.Value(key)} must have a value";
        }

        return null;
    }

    /// <summary>An RFC 1123 host name: dot-separated labels of letters, digits and inner dashes.</summary>
    public static string? Hostname(string? hostname) =>
        string.IsNullOrEmpty(hostname) || (hostname.Length <= MaxHostnameLength && HostnamePattern().IsMatch(hostname))
            ? null
            : $"hostname {Quoted.Value(hostname)} is not an RFC 1123 host name: dot-separated labels of 1 to 63 letters, digits and "
              + $"inner '-', at most {MaxHostnameLength} characters";

    /// <summary>Docker refuses a working directory that is not an absolute path; Linux, one longer than PATH_MAX.</summary>
    public static string? Workdir(string? workdir) =>
        string.IsNullOrEmpty(workdir) ? null
        : !workdir.StartsWith('/') ? $"workdir {Quoted.Value(workdir)} must be an absolute path"
        : workdir.Length > MaxPathLength ? $"workdir must be at most {MaxPathLength} characters, got {workdir.Length}"
        : workdir.Any(char.IsControl) ? $"workdir {Quoted.Value(workdir)} must not contain control characters"
        : null;

    /// <summary>
    /// A path that get_archive and put_archive take: absolute, with no <c>..</c> part, so that it names nothing outside the
    /// container's root even before Docker resolves it.
    /// </summary>
    public static string? ArchivePath(string? path) =>
        string.IsNullOrEmpty(path) ? "path must be an absolute path in the container; it is empty"
        : !path.StartsWith('/') ? $"path {Quoted.Value(path)} is relative: it must be an absolute path in the container"
        : path.Split('/').Contains("..") ? $"path {Quoted.Value(path)} has a '..' part: it must not reach outside the container's root"
        : path.Length > MaxPathLength ? $"path must be at most {MaxPathLength} characters, got {path.Length}"
        : path.Any(char.IsControl) ? $"path {Quoted.Value(path)} must not contain control characters"
        : null;

    /// <summary>The repository of a commit: an image name without tag or digest, which come in their own field.</summary>
    public static string? Repository(string? repository)
    {
        if (string.IsNullOrWhiteSpace(repository))
            return "repository must not be empty";

        var reference = ImageReference.Parse(repository, out var problem);
        return reference is null ? $"repository {Quoted.Value(repository)} is not a valid image repository: {problem}"
            : reference.Tag is not null || reference.Digest is not null
                ? $"repository {Quoted.Value(repository)} must not hold a tag or digest: give the tag in tag"
                : null;
    }

    public static string? Tag(string? tag) =>
        tag is { Length: > 0 } && ImageReference.TagProblem(tag) is { } problem ? $"tag {Quoted.Value(tag)} is not a valid image tag: {problem}" : null;

    public static string? Signal(string? signal) =>
        Signals.Normalize(signal) is null ? $"signal {Quoted.Value(signal)} is not a known signal" : null;

    /// <summary>Docker takes each variable as <c>NAME=value</c>: a name must be non-empty, and one holding '=' would become another.</summary>
    private static string? EnvironmentNames(Dictionary<string, string>? environment)
    {
        foreach (var name in (environment ?? []).Keys)
        {
            if (name.Length == 0)
                return "environment must not have an empty key";
            if (name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
                return $"environment key {Quoted.Value(name)} must not contain '=' or NUL";
        }

        return null;
    }

    private static string? RestartPolicy(RestartPolicy? policy)
    {
        if (policy is null)
            return null;
        if (!RestartPolicies.Contains(policy.Name))
            return $"restartPolicy name {Quoted.Value(policy.Name)} is not one of {string.Join(", ", RestartPolicies)}";
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
            : $"exposedPorts entry {Quoted.Value(port)} is not a port (1-65535) with an optional /tcp, /udp or /sctp";
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    // \z, not $, in each: $ also matches before a final newline, which would let "name\n" through.
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}\z")]
    private static partial Regex ContainerName();

    [GeneratedRegex(@"^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\z")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.:-]{0,254}\z")]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"^(?<port>[0-9]{1,5})(/(tcp|udp|sctp))?\z")]
    private static partial Regex PortSpec();
}
