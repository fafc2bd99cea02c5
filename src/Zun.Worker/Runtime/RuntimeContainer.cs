using Zun.Contracts;

namespace Zun.Worker.Runtime;

/// <summary>A container as the runtime reports it, in Zun's terms.</summary>
public sealed record RuntimeContainer(string RuntimeId, ContainerStatus Status, bool Running, int? ExitCode, string? StatusReason);
