using Zun.Contracts;

namespace Zun.Client;

/// <summary>
/// A command ready to publish: ids filled in where the caller left them empty, project and user
/// stamped from the client's options where the command has none.
/// </summary>
internal sealed record PreparedCommand(object Message, Type MessageType, Guid OperationId, Guid? ContainerId, ContainerAction Action)
{
    public PublishedOperation Published => new() { OperationId = OperationId, ContainerId = ContainerId, Action = Action };

    public static PreparedCommand From(object command, string? projectId, string? userId) => command switch
    {
        CreateContainer c => Of(c with { OperationId = Id(c.OperationId), ContainerId = Id(c.ContainerId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Create),
        StartContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Start),
        StopContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Stop),
        RestartContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Restart),
        PauseContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Pause),
        UnpauseContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Unpause),
        KillContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Kill),
        DeleteContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Delete),
        UpdateContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Update),
        RenameContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Rename),
        CommitContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Commit),
        RebuildContainer c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, m.ContainerId), ContainerAction.Rebuild),
        PullImage c => Of(c with { OperationId = Id(c.OperationId), ProjectId = c.ProjectId ?? projectId, UserId = c.UserId ?? userId },
            m => (m.OperationId, (Guid?)null), ContainerAction.PullImage),
        null => throw new ArgumentNullException(nameof(command)),
        _ => throw new ArgumentException($"{command.GetType().FullName} is not a Zun command", nameof(command)),
    };

    private static PreparedCommand Of<T>(T message, Func<T, (Guid OperationId, Guid? ContainerId)> ids, ContainerAction action)
        where T : class
    {
        var (operationId, containerId) = ids(message);
        if (containerId == Guid.Empty)
            throw new ArgumentException($"{typeof(T).Name} needs the containerId of the container it is about");

        return new PreparedCommand(message, typeof(T), operationId, containerId, action);
    }

    private static Guid Id(Guid given) => given == Guid.Empty ? Guid.NewGuid() : given;
}
