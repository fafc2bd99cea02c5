using System.Linq.Expressions;

namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>Whether part of a query depends on the saga: what does not is a value, computed before the query runs.</summary>
internal sealed class SagaReferences : ExpressionVisitor
{
    private readonly ParameterExpression _saga;
    private bool _found;

    private SagaReferences(ParameterExpression saga) => _saga = saga;

    public static bool Within(Expression expression, ParameterExpression saga)
    {
        var visitor = new SagaReferences(saga);
        visitor.Visit(expression);
        return visitor._found;
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        _found |= node == _saga;
        return node;
    }
}
