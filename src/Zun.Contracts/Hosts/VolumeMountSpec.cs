namespace Zun.Contracts.Hosts;

/// <summary>One mount of a container as its worker makes it: a Docker volume, or a file injected before the first start.</summary>
public sealed record VolumeMountSpec
{
    /// <summary><c>volume</c> or <c>bind</c>.</summary>
    public string Type { get; init; } = "volume";

    public string Destination { get; init; } = "";

    public bool ReadOnly { get; init; }

    /// <summary>The Zun volume mounted (a <c>volume</c> mount).</summary>
    public Guid? VolumeId { get; init; }

    /// <summary>Its name, for the reasons that quote it; null for a container's own volume.</summary>
    public string? VolumeName { get; init; }

    /// <summary>The Docker volume's name on the host.</summary>
    public string? DockerVolume { get; init; }

    /// <summary>Made for this container: the worker creates the Docker volume if missing, and it is removed with the container.</summary>
    public bool AutoRemove { get; init; }

    public int? SizeGb { get; init; }

    /// <summary>The injected file's content in base64 (a <c>bind</c> mount).</summary>
    public string? Content { get; init; }
}
