using System.Collections.Concurrent;

namespace Zun.Worker.LiveState;

/// <summary>
/// The engine events this worker's own actions are about to cause: the <c>start</c> of a container it starts, the
/// <c>pause</c> of one it pauses. The action's outcome already reports what the echo would (the container running,
/// paused), so publishing the echo too would only make the conductor load and save the container once more, often
/// ahead of the outcome it waits for. Only the next such event is claimed, and only for a short while: a later change of the
/// same kind (a restart by policy) is published as usual.
/// </summary>
internal sealed class OwnActionEchoes(TimeProvider clock)
{
    /// <summary>Long enough for the engine to report the event; short enough that a missed echo claims nothing later.</summary>
    internal static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private const int PruneAbove = 1024;

    private readonly ConcurrentDictionary<(Guid ContainerId, string Event), DateTimeOffset> _expected = new();

    /// <summary>Call before the action, since the engine may report the event before the call returns.</summary>
    public void Expect(Guid containerId, string engineEvent)
    {
        var now = clock.GetUtcNow();
        _expected[(containerId, engineEvent)] = now + Window;
        if (_expected.Count > PruneAbove)
            Prune(now);
    }

    /// <summary>The action failed: the engine will report nothing, and a later event of the kind is not an echo.</summary>
    public void Forget(Guid containerId, string engineEvent) => _expected.TryRemove((containerId, engineEvent), out _);

    /// <summary>True, once, when the event is the echo of an action of this worker.</summary>
    public bool TryClaim(Guid containerId, string engineEvent) =>
        _expected.TryRemove((containerId, engineEvent), out var expiresAt) && expiresAt >= clock.GetUtcNow();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, expiresAt) in _expected)
        {
            if (expiresAt < now)
                _expected.TryRemove(key, out _);
        }
    }
}
