namespace Zun.ResilienceTests.Infrastructure;

/// <summary>One container event as Docker's event stream reported it.</summary>
/// <param name="ContainerId">Zun's id, from the zun.container-id label.</param>
/// <param name="Action">Docker's action: create, start, kill, die, stop, pause, unpause, destroy, ...</param>
/// <param name="TimeNano">The engine's time of the event.</param>
public sealed record DockerEvent(Guid ContainerId, string Action, long TimeNano);
