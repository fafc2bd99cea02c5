namespace Zun.Api.Policy.Expressions;

/// <summary><c>@</c> and the empty rule (always), <c>!</c> (never).</summary>
internal sealed class ConstantExpression : PolicyExpression
{
    private readonly bool _value;

    private ConstantExpression(bool value) => _value = value;

    public static ConstantExpression Always { get; } = new(true);

    public static ConstantExpression Never { get; } = new(false);

    public override bool IsSatisfiedBy(PolicyEvaluation evaluation) => _value;
}
