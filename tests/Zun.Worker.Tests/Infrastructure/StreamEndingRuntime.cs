using System.Reflection;
using System.Runtime.CompilerServices;
using Zun.Worker.Runtime;

namespace Zun.Worker.Tests.Infrastructure;

/// <summary>
/// The real runtime, except that the first event stream it opens ends after its first event, as a stream does when the
/// engine restarts or the connection drops: everything else is passed through unchanged.
/// </summary>
public class StreamEndingRuntime : DispatchProxy
{
    private IContainerRuntime _inner = null!;
    private int _streams;

    internal int StreamsOpened => _streams;

    internal static IContainerRuntime Wrap(IContainerRuntime inner)
    {
        var proxy = Create<IContainerRuntime, StreamEndingRuntime>();
        ((StreamEndingRuntime)(object)proxy)._inner = inner;
        return proxy;
    }

    internal static StreamEndingRuntime Of(IContainerRuntime proxy) => (StreamEndingRuntime)(object)proxy;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var result = targetMethod.Invoke(_inner, args);
        return targetMethod.Name == nameof(IContainerRuntime.WatchEventsAsync) && Interlocked.Increment(ref _streams) == 1
            ? EndAfterFirst((IAsyncEnumerable<RuntimeEvent>)result!)
            : result;
    }

    private static async IAsyncEnumerable<RuntimeEvent> EndAfterFirst(
        IAsyncEnumerable<RuntimeEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var runtimeEvent in events.WithCancellation(cancellationToken))
        {
            yield return runtimeEvent;
            yield break;
        }
    }
}
