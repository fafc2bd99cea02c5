using MassTransit;
using Zun.Conductor.Persistence;

namespace Zun.Persistence.Tests.Infrastructure;

/// <summary>
/// Applies a change the way a saga endpoint does under <c>UseMessageRetry</c>: load, change, write guarded by
/// the version read, and on a concurrency exception start again from fresh state.
/// </summary>
public static class RetryingWriter
{
    /// <summary>Applies <paramref name="change"/>, starting from <paramref name="loaded"/>; returns how many writes conflicted.</summary>
    public static async Task<int> Apply<TSaga>(
        ISagaDocumentStore<TSaga> store, TSaga loaded, Action<TSaga> change, CancellationToken cancellationToken, int maxAttempts = 200)
        where TSaga : class, ISagaVersion
    {
        var instance = loaded;
        for (var conflicts = 0; ; conflicts++)
        {
            change(instance);
            try
            {
                await store.UpdateAsync(instance, cancellationToken);
                return conflicts;
            }
            catch (ConcurrencyException) when (conflicts < maxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5), cancellationToken);
                instance = await store.LoadAsync(loaded.CorrelationId, cancellationToken)
                    ?? throw new InvalidOperationException($"{loaded.CorrelationId} vanished");
            }
        }
    }
}
