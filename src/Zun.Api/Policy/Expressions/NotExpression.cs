namespace Zun.Api.Policy.Expressions;

/// <summary><c>not</c> a check: satisfied when the check is not.</summary>
internal sealed class NotExpression(PolicyExpression operand) : PolicyExpression
{
    public override bool IsSatisfiedBy(PolicyEvaluation evaluation) => !operand.IsSatisfiedBy(evaluation);

    public override IEnumerable<string> RuleReferences => operand.RuleReferences;
}
