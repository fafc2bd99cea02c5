namespace Zun.Contracts;

/// <summary>
/// A request about Zun volumes, answered by the conductor (with <see cref="VolumeInfo"/>, <see cref="VolumeList"/>,
/// <see cref="VolumeNotFound"/> or <see cref="RequestRejected"/> saying why not). A project sees and changes only its own
/// volumes; another project's are not found, unless the caller acts for every project.
/// </summary>
public interface IVolumeRequest : ICallerScope;
