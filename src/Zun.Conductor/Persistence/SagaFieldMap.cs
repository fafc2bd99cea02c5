using System.Linq.Expressions;
using System.Reflection;

namespace Zun.Conductor.Persistence;

/// <summary>
/// The properties of one saga type that queries filter on, so that stores index them. A query on any other
/// property still works, by scanning.
/// </summary>
internal sealed class SagaFieldMap<TSaga>
{
    private SagaFieldMap(IEnumerable<PropertyInfo> properties)
    {
        Fields = properties.Distinct().Select(p => new SagaField(p)).ToList();
    }

    /// <summary>Every saga that has a <c>CurrentState</c> property gets it indexed, since state machines query by state.</summary>
    public static SagaFieldMap<TSaga> Default { get; } =
        new(typeof(TSaga).GetProperty("CurrentState") is { } state ? [state] : []);

    public IReadOnlyList<SagaField> Fields { get; }

    public static SagaFieldMap<TSaga> Of(params Expression<Func<TSaga, object?>>[] properties) =>
        new(properties.Select(PropertyOf));

    private static PropertyInfo PropertyOf(Expression<Func<TSaga, object?>> property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        return body is MemberExpression { Member: PropertyInfo info, Expression: ParameterExpression }
            ? info
            : throw new ArgumentException($"{property} does not name a property of {typeof(TSaga).Name}", nameof(property));
    }
}
