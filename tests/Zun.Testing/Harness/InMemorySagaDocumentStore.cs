using System.Linq.Expressions;
using System.Text.Json;
using MassTransit;
using Zun.Conductor.Persistence;

namespace Zun.Testing.Harness;

/// <summary>
/// A saga document store in memory, with the stores' optimistic concurrency: each document is kept serialised with its
/// version, so a caller never shares an instance with the store, and a write of a stale version is refused.
/// </summary>
public sealed class InMemorySagaDocumentStore<T> : ISagaDocumentStore<T>
    where T : class, ISagaVersion
{
    private readonly Dictionary<Guid, (int Version, string Json)> _documents = [];

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<T?> LoadAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        lock (_documents)
            return Task.FromResult(_documents.TryGetValue(correlationId, out var stored) ? Read(stored) : null);
    }

    public Task InsertAsync(T instance, CancellationToken cancellationToken)
    {
        lock (_documents)
        {
            if (_documents.ContainsKey(instance.CorrelationId))
                throw new SagaAlreadyExistsException(typeof(T), instance.CorrelationId, new InvalidOperationException("an insert of a stored id"));
            instance.Version = 1;
            _documents[instance.CorrelationId] = (1, JsonSerializer.Serialize(instance));
        }

        return Task.CompletedTask;
    }

    public Task UpdateAsync(T instance, CancellationToken cancellationToken)
    {
        lock (_documents)
        {
            CheckVersion(instance);
            instance.Version++;
            _documents[instance.CorrelationId] = (instance.Version, JsonSerializer.Serialize(instance));
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(T instance, CancellationToken cancellationToken)
    {
        lock (_documents)
        {
            CheckVersion(instance);
            _documents.Remove(instance.CorrelationId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<T>> QueryAsync(Expression<Func<T, bool>> filter, CancellationToken cancellationToken)
    {
        var matches = filter.Compile();
        lock (_documents)
            return Task.FromResult<IReadOnlyList<T>>([.. _documents.Values.Select(Read).Where(matches)]);
    }

    public Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the in-memory store keeps no end times; retention is tested on SQLite and MongoDB");

    private static T Read((int Version, string Json) stored)
    {
        var instance = JsonSerializer.Deserialize<T>(stored.Json)!;
        instance.Version = stored.Version;
        return instance;
    }

    private void CheckVersion(T instance)
    {
        if (!_documents.TryGetValue(instance.CorrelationId, out var stored) || stored.Version != instance.Version)
            throw new SagaVersionConflictException(typeof(T), instance.CorrelationId, instance.Version);
    }
}
