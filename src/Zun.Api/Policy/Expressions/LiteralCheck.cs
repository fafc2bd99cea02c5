namespace Zun.Api.Policy.Expressions;

/// <summary>
/// <c>'member':%(role)s</c>, <c>True:%(enabled)s</c>: a constant on the left (a quoted string, a number, <c>True</c>,
/// <c>False</c> or <c>None</c>, as Python would print it), satisfied when the match formats to the same text.
/// </summary>
internal sealed class LiteralCheck(string literal, MatchTemplate match) : PolicyExpression
{
    public override bool IsSatisfiedBy(PolicyEvaluation evaluation) => match.Format(evaluation.Target) == literal;
}
