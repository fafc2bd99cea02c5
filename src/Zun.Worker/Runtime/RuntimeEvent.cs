namespace Zun.Worker.Runtime;

/// <summary>
/// One of Docker's events about a Zun container. <see cref="ExitCode"/> comes with <c>die</c>;
/// <see cref="AutoRemove"/> is read from the container's labels, so it is known even after the container is gone.
/// </summary>
public sealed record RuntimeEvent(Guid ContainerId, string Action, DateTimeOffset Time, int? ExitCode, bool AutoRemove);
