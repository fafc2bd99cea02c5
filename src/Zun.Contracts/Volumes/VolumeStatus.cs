using System.Text.Json.Serialization;

namespace Zun.Contracts;

/// <summary>Where a Zun volume is in its life, as Cinder names its statuses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VolumeStatus>))]
public enum VolumeStatus
{
    /// <summary>Recorded; its host is making the Docker volume.</summary>
    Creating,

    /// <summary>On its host, mounted by no container.</summary>
    Available,

    /// <summary>Mounted by at least one container (<see cref="VolumeInfo.AttachedTo"/>).</summary>
    InUse,

    /// <summary>Its host is removing the Docker volume.</summary>
    Deleting,

    /// <summary>Gone, its Docker volume removed (only ever in the answer to the delete).</summary>
    Deleted,
}
