using System.Linq.Expressions;
using MassTransit;
using Zun.Conductor.Queries;

namespace Zun.Conductor.Persistence;

/// <summary>
/// Reads whole saga instances by a filter, outside of any message's correlation: what the conductor's queries answer
/// from. MassTransit's query repository finds ids only, which would cost one more load per instance.
/// </summary>
public interface ISagaReader<TSaga>
    where TSaga : class, ISaga
{
    Task<IReadOnlyList<TSaga>> FindAsync(Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken);
}

/// <summary>One query on the document store, which returns the instances themselves.</summary>
internal sealed class DocumentSagaReader<TSaga>(ISagaDocumentStore<TSaga> store) : ISagaReader<TSaga>
    where TSaga : class, ISagaVersion
{
    public Task<IReadOnlyList<TSaga>> FindAsync(Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken) =>
        store.QueryAsync(filter, cancellationToken);
}

/// <summary>
/// Any other repository (the test harness's in-memory one): find the ids, then load each. An instance removed between
/// the two is left out.
/// </summary>
internal sealed class SagaRepositoryReader<TSaga>(IQuerySagaRepository<TSaga> query, ILoadSagaRepository<TSaga> load) : ISagaReader<TSaga>
    where TSaga : class, ISaga
{
    public async Task<IReadOnlyList<TSaga>> FindAsync(Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken)
    {
        var found = new List<TSaga>();
        foreach (var id in await query.Find(new SagaFilter<TSaga>(filter)))
        {
            if (await load.Load(id) is { } instance)
                found.Add(instance);
        }

        return found;
    }
}
