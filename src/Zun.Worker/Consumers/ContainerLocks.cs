namespace Zun.Worker.Consumers;

/// <summary>
/// Serialises the work on any one container. The conductor sends one operation per container at a
/// time, but a redelivery (after the conductor or this worker died) can bring the same work twice at
/// once; run side by side, two creates of one container would race for its name. Striped rather than
/// one lock per container, so nothing needs cleaning up; containers sharing a stripe merely wait.
/// </summary>
internal sealed class ContainerLocks : IDisposable
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> Acquire(Guid containerId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(containerId.GetHashCode() & int.MaxValue) % Stripes];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
            stripe.Dispose();
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
