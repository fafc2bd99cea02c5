using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using MassTransit;

namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>
/// Turns the saga queries the conductor uses into SQL on the table's columns: <c>==</c> and <c>!=</c> between a
/// mapped property and a value (a constant, a captured variable, a message property: anything not depending on the
/// saga), or between two mapped properties; null checks; <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>; a bare
/// boolean property; a constant (<c>_ =&gt; true</c> reads every row). C#'s null semantics are kept (<c>x != "a"</c> holds for null). Anything else is not
/// translated and the store scans instead.
/// </summary>
internal sealed class SqliteQueryTranslator<TSaga>(SqliteSagaTable<TSaga> table)
    where TSaga : class, ISagaVersion
{
    public SqliteWhereClause? TryTranslate(Expression<Func<TSaga, bool>> filter)
    {
        var parameters = new List<object?>();
        var sql = new Translation(table, filter.Parameters[0], parameters).Condition(filter.Body);
        return sql is null ? null : new SqliteWhereClause(sql, parameters);
    }

    /// <summary>
    /// The expression with every value replaced by a placeholder: the same query for another message has the
    /// same shape, so a warning about it is logged once.
    /// </summary>
    public static string ShapeOf(Expression<Func<TSaga, bool>> filter) =>
        new ValuePlaceholders(filter.Parameters[0]).Visit(filter)!.ToString();

    private sealed class Translation(SqliteSagaTable<TSaga> table, ParameterExpression saga, List<object?> parameters)
    {
        public string? Condition(Expression expression) => expression switch
        {
            BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } both when IsBoolean(both) =>
                Combine(both, "AND"),
            BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } either when IsBoolean(either) =>
                Combine(either, "OR"),
            BinaryExpression { NodeType: ExpressionType.Equal } equal => Comparison(equal.Left, equal.Right, equal: true),
            BinaryExpression { NodeType: ExpressionType.NotEqual } notEqual => Comparison(notEqual.Left, notEqual.Right, equal: false),
            UnaryExpression { NodeType: ExpressionType.Not, Operand: var operand } when operand.Type == typeof(bool) =>
                Condition(operand) is { } inner ? $"NOT ({inner})" : null,
            MethodCallExpression { Method.Name: nameof(Equals), Object: { } left, Arguments: [var right] } when IsBoolean(expression) =>
                Comparison(left, right, equal: true),
            MemberExpression member when member.Type == typeof(bool) && ColumnOf(member) is { } column => $"{column} = 1",
            ConstantExpression { Value: bool constant } => constant ? "1" : "0",
            _ => null,
        };

        private static bool IsBoolean(Expression expression) => expression.Type == typeof(bool);

        private string? Combine(BinaryExpression expression, string op) =>
            Condition(expression.Left) is { } left && Condition(expression.Right) is { } right ? $"({left} {op} {right})" : null;

        private string? Comparison(Expression left, Expression right, bool equal)
        {
            var (leftColumn, rightColumn) = (ColumnOf(left), ColumnOf(right));
            if (leftColumn is not null && rightColumn is not null)
                return $"{leftColumn} {(equal ? "IS" : "IS NOT")} {rightColumn}";
            if (leftColumn is not null && IsValue(right))
                return ValueComparison(leftColumn, PropertyOf(left)!, Evaluate(right), equal);
            if (rightColumn is not null && IsValue(left))
                return ValueComparison(rightColumn, PropertyOf(right)!, Evaluate(left), equal);
            return null;
        }

        private string? ValueComparison(string column, PropertyInfo property, object? value, bool equal)
        {
            // An enum compared in C# is compared as its number (the compiler converts both sides); the
            // document holds the enum's name, so the number goes back to the enum first.
            var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (enumType.IsEnum && value is not null && value.GetType() != enumType)
                value = Enum.ToObject(enumType, value);

            if (!SagaJson.TryToSqlValue(value, out var sqlValue))
                return null;
            if (sqlValue is null)
                return $"{column} {(equal ? "IS NULL" : "IS NOT NULL")}";

            var name = $"$p{parameters.Count}";
            parameters.Add(sqlValue);
            return equal ? $"{column} = {name}" : $"{column} IS NOT {name}";
        }

        private string? ColumnOf(Expression expression) => PropertyOf(expression) is { } property ? table.ColumnOf(property) : null;

        private PropertyInfo? PropertyOf(Expression expression) =>
            StripConversions(expression) is MemberExpression { Member: PropertyInfo property, Expression: var target } && target == saga
                ? property
                : null;

        private static Expression StripConversions(Expression expression)
        {
            while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
                expression = convert.Operand;
            return expression;
        }

        private bool IsValue(Expression expression) => !SagaReferences.Within(expression, saga);

        private static object? Evaluate(Expression expression) => expression switch
        {
            ConstantExpression constant => constant.Value,
            UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } => ConvertValue(Evaluate(operand), expression.Type),
            MemberExpression { Member: FieldInfo field, Expression: var target } => field.GetValue(target is null ? null : Evaluate(target)),
            MemberExpression { Member: PropertyInfo property, Expression: var target } => property.GetValue(target is null ? null : Evaluate(target)),
            _ => Expression.Lambda(expression).Compile(preferInterpretation: true).DynamicInvoke(),
        };

        // Only the conversions the compiler puts around comparisons: to a nullable, to object, between an enum
        // and its number.
        private static object? ConvertValue(object? value, Type type)
        {
            var target = Nullable.GetUnderlyingType(type) ?? type;
            if (value is null || target == typeof(object) || target.IsInstanceOfType(value))
                return value;
            if (target.IsEnum)
                return Enum.ToObject(target, value);
            if (value is Enum)
                value = Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), CultureInfo.InvariantCulture);
            return Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
    }

    private sealed class ValuePlaceholders(ParameterExpression saga) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) =>
            node is null or ParameterExpression or LambdaExpression || SagaReferences.Within(node, saga)
                ? base.Visit(node)
                : Expression.Parameter(node.Type, "value");
    }
}
