namespace Zun.Api.Policy.Expressions;

/// <summary>Checks joined by <c>and</c>: satisfied when every one is, stopping at the first that is not.</summary>
internal sealed class AllOfExpression(IReadOnlyList<PolicyExpression> operands) : PolicyExpression
{
    public override bool IsSatisfiedBy(PolicyEvaluation evaluation) => operands.All(o => o.IsSatisfiedBy(evaluation));

    public override IEnumerable<string> RuleReferences => operands.SelectMany(o => o.RuleReferences);
}
