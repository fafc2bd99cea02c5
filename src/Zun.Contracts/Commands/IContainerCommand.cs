namespace Zun.Contracts;

/// <summary>A command about one container: every operation the conductor accepts, queues and runs on it.</summary>
public interface IContainerCommand : IZunCommand
{
    /// <summary>The container it is about (chosen by the client on create).</summary>
    Guid ContainerId { get; }
}
