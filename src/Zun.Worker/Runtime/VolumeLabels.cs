namespace Zun.Worker.Runtime;

/// <summary>Labels on every Docker volume Zun makes, so Zun can always find its own.</summary>
public static class VolumeLabels
{
    public const string VolumeId = "zun.volume-id";

    /// <summary>The GiB asked for: Docker's local driver cannot enforce it, so it is only recorded.</summary>
    public const string SizeGb = "zun.volume-size-gb";

    /// <summary>The container a volume made for one container belongs to.</summary>
    public const string ContainerId = ContainerLabels.ContainerId;

    public static Guid? VolumeIdOf(IReadOnlyDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(VolumeId, out var value) && Guid.TryParse(value, out var id) ? id : null;
}
