using System.Collections.Concurrent;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.Infrastructure;

/// <summary>
/// What the <see cref="FakeWorker"/> of one harness has received, and what a test told it to do
/// differently: fail the next action of a kind, or hold it until the test lets it go.
/// </summary>
public sealed class FakeWorkerScript : IDisposable
{
    private readonly ConcurrentQueue<PerformContainerAction> _received = new();
    private readonly ConcurrentDictionary<ContainerAction, string> _failures = new();
    private readonly ConcurrentDictionary<ContainerAction, TaskCompletionSource> _holds = new();

    /// <summary>The container actions received, in the order they arrived.</summary>
    public IReadOnlyList<PerformContainerAction> Received => [.. _received];

    /// <summary>The next action of this kind fails with <paramref name="reason"/>.</summary>
    public void FailNext(ContainerAction action, string reason) => _failures[action] = reason;

    /// <summary>The next action of this kind waits, without an outcome, until <see cref="Release"/>.</summary>
    public void HoldNext(ContainerAction action) =>
        _holds[action] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(ContainerAction action)
    {
        if (_holds.TryRemove(action, out var hold))
            hold.TrySetResult();
    }

    public void Dispose()
    {
        // A test that fails while an action is held must not leave the worker's consumer blocked.
        foreach (var action in _holds.Keys)
            Release(action);
    }

    internal void Record(PerformContainerAction action) => _received.Enqueue(action);

    internal Task WaitIfHeld(ContainerAction action, CancellationToken cancellationToken) =>
        _holds.TryGetValue(action, out var hold) ? hold.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

    internal string? TakeFailure(ContainerAction action) =>
        _failures.TryRemove(action, out var reason) ? reason : null;
}
