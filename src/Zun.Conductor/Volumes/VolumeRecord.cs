using System.Security.Cryptography;
using Zun.Conductor.Persistence;
using Zun.Contracts;

namespace Zun.Conductor.Volumes;

/// <summary>
/// What the conductors keep of one Zun volume, one document each in the saga store: where it lives, and which containers
/// mount it. Mounting and deleting are written through its version, so a delete cannot pass a container that mounts it
/// at the same moment on another conductor.
/// </summary>
public sealed class VolumeRecord : IRevisedRecord
{
    /// <summary>The prefix of every Zun volume's Docker name.</summary>
    public const string DockerNamePrefix = "zun-volume-";

    private int _revisions;

    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    /// <summary>Null for a container's own volume.</summary>
    public string? Name { get; set; }

    public int SizeGb { get; set; }

    public string? Host { get; set; }

    public string? AvailabilityZone { get; set; }

    /// <summary>Creating, Available or Deleting; in use is Available with containers attached.</summary>
    public VolumeStatus Status { get; set; }

    public bool AutoRemove { get; set; }

    public List<Guid> AttachedTo { get; set; } = [];

    public string? ProjectId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Revisions => _revisions;

    public string DockerVolume => DockerNameOf(CorrelationId);

    public static string DockerNameOf(Guid volumeId) => DockerNamePrefix + volumeId.ToString("D");

    /// <summary>The id of a container's own volume, the same on every run of its create: the <paramref name="index"/>th mount of <paramref name="containerId"/>.</summary>
    public static Guid OwnVolumeIdOf(Guid containerId, int index)
    {
        var hash = SHA256.HashData([.. containerId.ToByteArray(), .. BitConverter.GetBytes(index)]);
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>Mounts the volume in <paramref name="containerId"/>; null when it is (or was already), otherwise why not.</summary>
    public string? Attach(Guid containerId)
    {
        if (AttachedTo.Contains(containerId))
            return null;
        if (Status != VolumeStatus.Available)
            return $"volume {Describe()} is {StatusText(Status)}, so no container can mount it";

        AttachedTo.Add(containerId);
        _revisions++;
        return null;
    }

    public void Detach(Guid containerId) => _revisions += AttachedTo.RemoveAll(c => c == containerId);

    public void PlaceOn(string host, string? zone)
    {
        if (Host == host)
            return;
        (Host, AvailabilityZone) = (host, zone);
        _revisions++;
    }

    /// <summary>The host has the Docker volume: containers may mount it.</summary>
    public void MakeAvailable()
    {
        if (Status == VolumeStatus.Available)
            return;
        Status = VolumeStatus.Available;
        _revisions++;
    }

    /// <summary>Begins the delete unless containers mount it (naming them by <paramref name="containerName"/>) or it is not available; null when begun.</summary>
    public string? BeginDelete(Func<Guid, string> containerName)
    {
        if (AttachedTo.Count > 0)
            return $"volume {Describe()} is in use by {(AttachedTo.Count == 1 ? "container" : "containers")} {string.Join(", ", AttachedTo.Select(containerName))}: delete {(AttachedTo.Count == 1 ? "it" : "them")} first";
        if (Status == VolumeStatus.Deleting)
            return null;
        if (Status != VolumeStatus.Available)
            return $"volume {Describe()} is {StatusText(Status)}";

        Status = VolumeStatus.Deleting;
        _revisions++;
        return null;
    }

    /// <summary>The host could not remove the Docker volume: the volume is available again.</summary>
    public void AbandonDelete()
    {
        if (Status != VolumeStatus.Deleting)
            return;
        Status = VolumeStatus.Available;
        _revisions++;
    }

    public string Describe() => Name is null ? CorrelationId.ToString("D") : $"{Name} ({CorrelationId:D})";

    public VolumeInfo ToInfo(VolumeStatus? status = null) => new()
    {
        VolumeId = CorrelationId,
        Name = Name,
        SizeGb = SizeGb,
        Host = Host,
        AvailabilityZone = AvailabilityZone,
        Status = status ?? (Status == VolumeStatus.Available && AttachedTo.Count > 0 ? VolumeStatus.InUse : Status),
        DockerVolume = DockerVolume,
        AutoRemove = AutoRemove,
        AttachedTo = [.. AttachedTo],
        ProjectId = ProjectId,
        UserId = UserId,
        CreatedAt = CreatedAt,
    };

    private static string StatusText(VolumeStatus status) => status switch
    {
        VolumeStatus.Creating => "still being created",
        VolumeStatus.Deleting => "being deleted",
        _ => status.ToString().ToLowerInvariant(),
    };
}
