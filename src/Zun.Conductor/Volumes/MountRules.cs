using Zun.Conductor.Options;
using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Hosting;

namespace Zun.Conductor.Volumes;

/// <summary>
/// What makes a create's <c>mounts</c> invalid before any volume is looked up: each refusal names the mount (by its
/// place in the list) and the field.
/// </summary>
internal sealed class MountRules(VolumeOptions options)
{
    public const string VolumeType = "volume";
    public const string BindType = "bind";

    /// <summary>Where a mount would hide or break what the kernel gives the container.</summary>
    private static readonly string[] Reserved = ["/proc", "/sys", "/dev"];

    /// <summary>Null when every mount is valid; otherwise why the first that is not is refused.</summary>
    public string? Refusal(IReadOnlyList<ContainerMount>? mounts)
    {
        if (mounts is null || mounts.Count == 0)
            return null;
        if (mounts.Count > options.MaxMounts)
            return $"mounts: at most {options.MaxMounts} ({VolumeOptions.Section}:MaxMounts), got {mounts.Count}";

        var destinations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mounts.Count; i++)
        {
            if (mounts[i] is not { } mount)
                return $"mounts[{i}] is null";
            if ((Destination(mount.Destination) ?? TypeRefusal(mount, options)) is { } reason)
                return $"mounts[{i}]: {reason}";
            if (!destinations.Add(Normalized(mount.Destination)))
                return $"mounts[{i}]: destination {Quoted.Value(mount.Destination)} is mounted twice";
        }

        return null;
    }

    /// <summary><c>volume</c> or <c>bind</c>, whatever the case; a mount that names none is a volume.</summary>
    public static string TypeOf(ContainerMount mount) =>
        string.IsNullOrWhiteSpace(mount.Type) ? VolumeType : mount.Type.Trim().ToLowerInvariant();

    public static string Normalized(string destination) => destination.Length > 1 ? destination.TrimEnd('/') : destination;

    private static string? Destination(string? destination)
    {
        if (string.IsNullOrEmpty(destination))
            return "destination must be an absolute path in the container; it is empty";
        if (!destination.StartsWith('/'))
            return $"destination {Quoted.Value(destination)} is relative: it must be an absolute path in the container";
        if (destination.Split('/').Contains(".."))
            return $"destination {Quoted.Value(destination)} has a '..' part: it must not reach outside where it names";
        if (destination.Length > CommandValidator.MaxPathLength || destination.Any(char.IsControl) || destination.Contains(','))
            return $"destination {Quoted.Value(destination)} must be at most {CommandValidator.MaxPathLength} characters, without control characters or commas";

        var normalized = Normalized(destination).Replace("/./", "/", StringComparison.Ordinal);
        if (normalized.Trim('/', '.').Length == 0)
            return $"destination {Quoted.Value(destination)} is the container's root: a mount there would hide its whole filesystem";
        return Reserved.FirstOrDefault(r => normalized == r || normalized.StartsWith(r + "/", StringComparison.Ordinal)) is { } reserved
            ? $"destination {Quoted.Value(destination)} is under {reserved}, which the container's kernel file systems own"
            : null;
    }

    private static string? TypeRefusal(ContainerMount mount, VolumeOptions options) => TypeOf(mount) switch
    {
        VolumeType when mount.SizeGb is { } size && (size < 1 || size > options.MaxSizeGb) =>
            $"size must be from 1 to {options.MaxSizeGb} GiB ({VolumeOptions.Section}:MaxSizeGb), got {size}",
        VolumeType when string.IsNullOrWhiteSpace(mount.Source) && mount.SizeGb is null =>
            "a volume mount needs a source (a volume's id or name) or a size (GiB of a volume made for the container)",
        VolumeType when !string.IsNullOrWhiteSpace(mount.Source) && mount.SizeGb is not null =>
            "a volume mount takes a source or a size, not both (a size makes a new volume)",
        VolumeType => null,
        BindType when mount.SizeGb is not null => "a bind mount injects a file and takes no size",
        BindType => InjectedFile(mount.Source, options.MaxInjectedFileBytes),
        var other => $"type {Quoted.Value(other)} is not one of volume, bind",
    };

    private static string? InjectedFile(string? content, int maxBytes)
    {
        if (content is null)
            return "a bind mount's source is the injected file's content in base64; it is missing";

        // The decoded size is known from the text's length before anything is decoded.
        if ((long)content.Length / 4 * 3 > maxBytes + 2L)
            return $"the injected file is larger than {VolumeOptions.Section}:MaxInjectedFileBytes ({maxBytes} bytes)";
        var buffer = new byte[(content.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(content, buffer, out var length))
            return "a bind mount's source must be the injected file's content in base64; it is not base64";
        return length > maxBytes
            ? $"the injected file is {length} bytes, larger than {VolumeOptions.Section}:MaxInjectedFileBytes ({maxBytes} bytes)"
            : null;
    }
}
