using Zun.Contracts;

namespace Zun.Conductor.Commands;

/// <summary>A catalogue entry seen without its command type; <see cref="Visit"/> gets the type back.</summary>
internal interface IContainerCommandEntry
{
    Type CommandType { get; }

    ContainerAction Action { get; }

    /// <summary>Null when the command may be accepted as far as its own fields go; otherwise why not, naming the field.</summary>
    string? Validate(IContainerCommand command);

    /// <summary>Hands the typed entry to <paramref name="visitor"/>, which registers what the command needs.</summary>
    void Visit(IContainerCommandVisitor visitor);
}
