using System.Linq.Expressions;
using MassTransit;

namespace Zun.Conductor.Queries;

/// <summary>A saga query from a filter expression, for <see cref="IQuerySagaRepository{TSaga}"/>.</summary>
internal sealed class SagaFilter<TSaga>(Expression<Func<TSaga, bool>> filter) : ISagaQuery<TSaga>
    where TSaga : class, ISaga
{
    private readonly Lazy<Func<TSaga, bool>> _compiled = new(filter.Compile);

    public Expression<Func<TSaga, bool>> FilterExpression => filter;

    public Func<TSaga, bool> GetFilter() => _compiled.Value;
}
