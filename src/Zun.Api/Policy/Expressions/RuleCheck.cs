namespace Zun.Api.Policy.Expressions;

/// <summary><c>rule:name</c>: satisfied when the named rule is; a name no rule has fails closed, as in oslo.policy.</summary>
internal sealed class RuleCheck(string name) : PolicyExpression
{
    public override bool IsSatisfiedBy(PolicyEvaluation evaluation) => evaluation.Rules.Allows(name, evaluation);

    public override IEnumerable<string> RuleReferences => [name];
}
