using System.Buffers.Binary;
using MassTransit;

namespace Zun.Conductor.Ordering;

/// <summary>
/// Runs the messages of one key (a container) one at a time, in the order they arrive here, and different keys
/// concurrently over a fixed number of partitions. Joining a partition's queue is immediate and in order (a
/// semaphore's waiters are served first come, first served), after which the delivery's turn through
/// <see cref="DeliveryOrderGate"/> ends and the next delivery may follow.
/// </summary>
internal sealed class OrderedPartitions
{
    private readonly SemaphoreSlim[] _partitions;

    public OrderedPartitions(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _partitions = [.. Enumerable.Range(0, count).Select(_ => new SemaphoreSlim(1, 1))];
    }

    /// <summary>
    /// The key's partition. Not <see cref="Guid.GetHashCode"/>: it folds the key to 32 bits by XOR, and the sequential
    /// ids clients generate (MassTransit's NewId) then crowd into a few partitions.
    /// </summary>
    public SemaphoreSlim For(Guid key)
    {
        Span<byte> bytes = stackalloc byte[16];
        key.TryWriteBytes(bytes);
        var mixed = (BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ (BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) * 0x9E3779B97F4A7C15UL))
            * 0xBF58476D1CE4E5B9UL;
        return _partitions[(int)((mixed ^ (mixed >> 31)) % (ulong)_partitions.Length)];
    }
}

/// <summary>Puts each message of type <typeparamref name="T"/> in its key's partition of <see cref="OrderedPartitions"/>.</summary>
internal sealed class OrderedPartitionFilter<T>(OrderedPartitions partitions, Func<T, Guid> keyOf) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var partition = partitions.For(keyOf(context.Message));
        var entered = partition.WaitAsync(context.CancellationToken);
        DeliveryTurn.EndFor(context);
        await entered;
        try
        {
            await next.Send(context);
        }
        finally
        {
            partition.Release();
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("orderedPartition");
}
