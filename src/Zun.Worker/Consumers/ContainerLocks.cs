namespace Zun.Worker.Consumers;

/// <summary>
/// Serialises the work on any one container. The conductor sends one operation per container at a
/// time, but a redelivery (after the conductor or this worker died) can bring the same work twice at
/// once; run side by side, two creates of one container would race for its name.
/// One lock per container, held only while someone uses or waits for it, so that work on different
/// containers never waits: striping by <see cref="Guid.GetHashCode"/> made unrelated creates queue
/// behind each other, since the sequential ids clients generate (MassTransit's NewId) hash to few stripes.
/// </summary>
internal sealed class ContainerLocks
{
    private readonly Dictionary<Guid, Entry> _held = [];

    public async Task<IDisposable> Acquire(Guid containerId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_held)
        {
            if (!_held.TryGetValue(containerId, out entry!))
                _held[containerId] = entry = new Entry();
            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(containerId, entry);
            throw;
        }

        return new Release(this, containerId, entry);
    }

    /// <summary>How many containers have a lock held or awaited (for tests: it drops to zero when all work is done).</summary>
    internal int Count
    {
        get
        {
            lock (_held)
                return _held.Count;
        }
    }

    private void Leave(Guid containerId, Entry entry)
    {
        lock (_held)
        {
            if (--entry.Users == 0)
                _held.Remove(containerId);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Holders and waiters; guarded by the dictionary's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Release(ContainerLocks owner, Guid containerId, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;

            entry.Gate.Release();
            owner.Leave(containerId, entry);
        }
    }
}
