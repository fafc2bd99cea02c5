using System.Reflection;
using Zun.Worker.Runtime;

namespace Zun.Worker.Tests.Infrastructure;

/// <summary>
/// The real runtime, except that its first start is refused as an engine refuses a container whose start it was stopped
/// in the middle of: "task ...: already exists". Everything else is passed through unchanged.
/// </summary>
public class StartRefusingRuntime : DispatchProxy
{
    private IContainerRuntime _inner = null!;
    private int _starts;

    internal static IContainerRuntime Wrap(IContainerRuntime inner)
    {
        var proxy = Create<IContainerRuntime, StartRefusingRuntime>();
        ((StartRefusingRuntime)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name == nameof(IContainerRuntime.StartAsync) && Interlocked.Increment(ref _starts) == 1
            ? Task.FromException(new ContainerRuntimeException($"task {Guid.NewGuid():N}{Guid.NewGuid():N}: already exists"))
            : targetMethod.Invoke(_inner, args);
    }
}
