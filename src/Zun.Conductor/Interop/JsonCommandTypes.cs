using Zun.Contracts;

namespace Zun.Conductor.Interop;

/// <summary>The commands a plain-JSON publisher may send, by the routing key that names them (the command's type name).</summary>
public static class JsonCommandTypes
{
    public static IReadOnlyDictionary<string, Type> ByName { get; } = new[]
    {
        typeof(CreateContainer), typeof(StartContainer), typeof(StopContainer), typeof(RestartContainer),
        typeof(PauseContainer), typeof(UnpauseContainer), typeof(KillContainer), typeof(DeleteContainer),
        typeof(UpdateContainer), typeof(RenameContainer), typeof(CommitContainer), typeof(RebuildContainer),
        typeof(PullImage),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);
}
