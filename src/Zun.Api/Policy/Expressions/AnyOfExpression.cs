namespace Zun.Api.Policy.Expressions;

/// <summary>Checks joined by <c>or</c>: satisfied when any one is, stopping at the first that is.</summary>
internal sealed class AnyOfExpression(IReadOnlyList<PolicyExpression> operands) : PolicyExpression
{
    public override bool IsSatisfiedBy(PolicyEvaluation evaluation) => operands.Any(o => o.IsSatisfiedBy(evaluation));

    public override IEnumerable<string> RuleReferences => operands.SelectMany(o => o.RuleReferences);
}
