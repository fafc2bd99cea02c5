using System.Linq.Expressions;
using System.Reflection;

namespace Zun.Conductor.Persistence;

/// <summary>
/// The properties of one saga type that queries filter on, so that stores index them. A query on any other
/// property still works, by scanning.
/// </summary>
internal sealed class SagaFieldMap<TSaga>
{
    private SagaFieldMap(IEnumerable<PropertyInfo> properties, SagaField? endTime = null)
    {
        Fields = properties.Distinct().Select(p => new SagaField(p)).ToList();
        EndTime = endTime;
    }

    /// <summary>Every saga that has a <c>CurrentState</c> property gets it indexed, since state machines query by state.</summary>
    public static SagaFieldMap<TSaga> Default { get; } =
        new(typeof(TSaga).GetProperty("CurrentState") is { } state ? [state] : []);

    public IReadOnlyList<SagaField> Fields { get; }

    /// <summary>
    /// When an instance ended (null while it has not): the time retention counts from. Stores index it by time,
    /// which the text columns of <see cref="Fields"/> cannot do for dates written with offsets.
    /// </summary>
    public SagaField? EndTime { get; }

    public static SagaFieldMap<TSaga> Of(params Expression<Func<TSaga, object?>>[] properties) =>
        new(properties.Select(PropertyOf));

    /// <summary>The same fields, and the property that says when an instance ended, so that old ones can be purged.</summary>
    public SagaFieldMap<TSaga> WithEndTime(Expression<Func<TSaga, DateTimeOffset?>> endedAt) =>
        new(Fields.Select(f => f.Property), new SagaField(PropertyOf(endedAt)));

    /// <summary>What a store throws when asked to purge a saga type whose map names no end time.</summary>
    public static InvalidOperationException MissingEndTime() =>
        new($"{typeof(TSaga).Name} has no end time in its field map, so its instances cannot be purged by age");

    private static PropertyInfo PropertyOf<TValue>(Expression<Func<TSaga, TValue>> property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        return body is MemberExpression { Member: PropertyInfo info, Expression: ParameterExpression }
            ? info
            : throw new ArgumentException($"{property} does not name a property of {typeof(TSaga).Name}", nameof(property));
    }
}
