using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>What an action left behind: the container as inspected afterwards (null once deleted) and, for commit, the image made.</summary>
internal sealed record ActionOutcome(RuntimeContainer? Container, string? ImageId = null);
