using System.Reflection;
using Zun.Worker.Runtime;

namespace Zun.Worker.Tests.Infrastructure;

/// <summary>
/// A runtime that only answers pings: unreachable for the first <see cref="AnswerFromPing"/> − 1 of them (never, when
/// null), as an engine that is restarting. Nothing else is expected of it.
/// </summary>
public class PingingEngine : DispatchProxy
{
    private int _pings;

    internal int? AnswerFromPing { get; private set; }

    internal int Pings => Volatile.Read(ref _pings);

    internal static (IContainerRuntime Runtime, PingingEngine Engine) Create(int? answerFromPing)
    {
        var proxy = Create<IContainerRuntime, PingingEngine>();
        var engine = (PingingEngine)(object)proxy;
        engine.AnswerFromPing = answerFromPing;
        return (proxy, engine);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name != nameof(IContainerRuntime.PingAsync))
            throw new NotSupportedException($"{targetMethod?.Name} is not expected of an engine that only answers pings");
        var ping = Interlocked.Increment(ref _pings);
        return ping >= AnswerFromPing
            ? Task.CompletedTask
            : Task.FromException(EngineOutageTests.Unreachable());
    }
}
