namespace Zun.Contracts;

/// <summary>A Zun volume as the conductor records it.</summary>
public sealed record VolumeInfo
{
    public Guid VolumeId { get; init; }

    /// <summary>Null for a volume made for one container (a mount with a size and no source).</summary>
    public string? Name { get; init; }

    /// <summary>GiB asked for: recorded, not enforced by Docker's local driver.</summary>
    public int SizeGb { get; init; }

    /// <summary>The host whose Docker engine holds it; null for a container's own volume until the container is placed.</summary>
    public string? Host { get; init; }

    public string? AvailabilityZone { get; init; }

    public VolumeStatus Status { get; init; }

    /// <summary>The Docker volume's name on its host.</summary>
    public string DockerVolume { get; init; } = "";

    /// <summary>Made for one container and removed when the container is deleted.</summary>
    public bool AutoRemove { get; init; }

    /// <summary>The containers that mount it.</summary>
    public Guid[] AttachedTo { get; init; } = [];

    public string? ProjectId { get; init; }

    public string? UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
