using System.Linq.Expressions;
using MassTransit;

namespace Zun.Conductor.Persistence;

/// <summary>
/// Where the instances of one saga type are kept, one document each, with optimistic concurrency on
/// <see cref="ISagaVersion.Version"/>: a write succeeds only if the stored version is still the one that was read.
/// The one seam under the conductor's saga repository; SQLite and MongoDB implement it.
/// </summary>
public interface ISagaDocumentStore<TSaga>
    where TSaga : class, ISagaVersion
{
    /// <summary>Creates what the store needs (tables, indexes). Idempotent, and safe from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The stored instance with its stored version, or null.</summary>
    Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken);

    /// <summary>Stores a new instance at version 1 (and sets its <c>Version</c> to 1).</summary>
    /// <exception cref="SagaAlreadyExistsException">An instance with this correlation id is stored already.</exception>
    Task InsertAsync(TSaga instance, CancellationToken cancellationToken);

    /// <summary>Replaces the stored instance if its version is still <c>instance.Version</c>; the write increments the version.</summary>
    /// <exception cref="SagaVersionConflictException">The instance changed or was deleted since it was read.</exception>
    Task UpdateAsync(TSaga instance, CancellationToken cancellationToken);

    /// <summary>Deletes the stored instance if its version is still <c>instance.Version</c>.</summary>
    /// <exception cref="SagaVersionConflictException">The instance changed or was deleted since it was read.</exception>
    Task DeleteAsync(TSaga instance, CancellationToken cancellationToken);

    /// <summary>The instances matching <paramref name="filter"/>, each with its stored version.</summary>
    Task<IReadOnlyList<TSaga>> QueryAsync(Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> instances whose end time (<see cref="SagaFieldMap{TSaga}.EndTime"/>) is
    /// before <paramref name="endedBefore"/>, oldest first, whatever their version, and returns how many it deleted.
    /// Times compare to the millisecond. Instances that have not ended are never deleted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The saga type's field map names no end time.</exception>
    Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken);
}
