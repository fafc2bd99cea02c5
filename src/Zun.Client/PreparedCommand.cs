using System.Collections.Concurrent;
using System.Reflection;
using Zun.Contracts;

namespace Zun.Client;

/// <summary>
/// A command ready to publish: ids filled in where the caller left them empty (the container's only on a create),
/// project and user stamped from the client's options where the command has none.
/// </summary>
internal sealed record PreparedCommand(object Message, Type MessageType, Guid OperationId, Guid? ContainerId, ContainerAction Action)
{
    /// <summary>A shallow copy, which is what a record's <c>with</c> makes; the copy's init properties are then set.</summary>
    private static readonly Func<object, object> ShallowCopy = typeof(object)
        .GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!
        .CreateDelegate<Func<object, object>>();

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    public PublishedOperation Published => new() { OperationId = OperationId, ContainerId = ContainerId, Action = Action };

    public static PreparedCommand From(object command, string? projectId, string? userId)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is not IZunCommand given)
            throw new ArgumentException($"{command.GetType().FullName} is not a Zun command", nameof(command));

        var type = command.GetType();
        var containerId = (given as IContainerCommand)?.ContainerId;
        if (containerId == Guid.Empty && given is not CreateContainer)
            throw new ArgumentException($"{type.Name} needs the containerId of the container it is about");

        var prepared = ShallowCopy(command);
        var operationId = Set(prepared, nameof(IZunCommand.OperationId), Id(given.OperationId));
        Set(prepared, nameof(IZunCommand.ProjectId), given.ProjectId ?? projectId);
        Set(prepared, nameof(IZunCommand.UserId), given.UserId ?? userId);
        if (containerId is { } id)
            containerId = Set(prepared, nameof(IContainerCommand.ContainerId), Id(id));

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

    private static T Set<T>(object command, string property, T value)
    {
        var properties = PropertiesByType.GetOrAdd(command.GetType(), t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public));
        properties.Single(p => p.Name == property).SetValue(command, value);
        return value;
    }

    private static Guid Id(Guid given) => given == Guid.Empty ? Guid.NewGuid() : given;
}
