namespace Zun.Worker.Runtime;

/// <summary>Labels on every container Zun creates, so Zun can always find its own.</summary>
public static class ContainerLabels
{
    public const string ContainerId = "zun.container-id";
    public const string Host = "zun.host";
    public const string OperationId = "zun.operation-id";

    /// <summary>Set to <c>true</c> on containers created with auto-remove, so that a container already gone can still be told apart.</summary>
    public const string AutoRemove = "zun.auto-remove";

    /// <summary>The Docker name of a Zun container.</summary>
    public static string DockerName(Guid containerId) => $"zun-{containerId:D}";

    /// <summary>Zun's id of a container, from its labels (or from the attributes of one of its Docker events, which carry them).</summary>
    public static Guid? ContainerIdOf(IReadOnlyDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(ContainerId, out var value) && Guid.TryParse(value, out var id) ? id : null;

    /// <summary>Whether the labels mark the container as created with auto-remove.</summary>
    public static bool IsAutoRemove(IReadOnlyDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(AutoRemove, out var value) && bool.TryParse(value, out var autoRemove) && autoRemove;
}
