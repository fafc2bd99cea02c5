namespace Zun.Worker.Runtime;

/// <summary>Labels on every container Zun creates, so Zun can always find its own.</summary>
public static class ContainerLabels
{
    public const string ContainerId = "zun.container-id";
    public const string Host = "zun.host";
    public const string OperationId = "zun.operation-id";

    /// <summary>The Docker name of a Zun container.</summary>
    public static string DockerName(Guid containerId) => $"zun-{containerId:D}";
}
