using Zun.Contracts;

namespace Zun.Client;

/// <summary>
/// A command ready to publish: ids filled in where the caller left them empty (the container's only on a create),
/// project, all projects and user stamped from the client's options where the command has none (<see cref="ClientScope"/>).
/// </summary>
internal sealed record PreparedCommand(object Message, Type MessageType, Guid OperationId, Guid? ContainerId, ContainerAction Action)
{
    public PublishedOperation Published => new() { OperationId = OperationId, ContainerId = ContainerId, Action = Action };

    public static PreparedCommand From(object command, ZunClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is not IZunCommand given)
            throw new ArgumentException($"{command.GetType().FullName} is not a Zun command", nameof(command));

        var type = command.GetType();
        var containerId = (given as IContainerCommand)?.ContainerId;
        if (containerId == Guid.Empty && given is not CreateContainer)
            throw new ArgumentException($"{type.Name} needs the containerId of the container it is about");

        var prepared = RecordCopy.Of(command);
        var operationId = RecordCopy.Set(prepared, nameof(IZunCommand.OperationId), Id(given.OperationId));
        var (projectId, allProjects) = ClientScope.For(given, options);
        RecordCopy.Set(prepared, nameof(IZunCommand.ProjectId), projectId);
        RecordCopy.Set(prepared, nameof(IZunCommand.AllProjects), allProjects);
        RecordCopy.Set(prepared, nameof(IZunCommand.UserId), given.UserId ?? options.UserId);
        if (containerId is { } id)
            containerId = RecordCopy.Set(prepared, nameof(IContainerCommand.ContainerId), Id(id));

        return new PreparedCommand(prepared, type, operationId, containerId, ActionOf(type));
    }

    /// <summary>
    /// The action a command type asks for, by the convention every contract follows: <c>StopContainer</c> asks for
    /// <see cref="ContainerAction.Stop"/>, <c>PullImage</c> for <see cref="ContainerAction.PullImage"/>. The conductor's
    /// catalogue names each command's action; a test checks that this convention agrees with every entry.
    /// </summary>
    public static ContainerAction ActionOf(Type commandType)
    {
        var name = commandType.Name.EndsWith("Container", StringComparison.Ordinal) ? commandType.Name[..^"Container".Length] : commandType.Name;
        return Enum.Parse<ContainerAction>(name);
    }

    private static Guid Id(Guid given) => given == Guid.Empty ? Guid.NewGuid() : given;
}
