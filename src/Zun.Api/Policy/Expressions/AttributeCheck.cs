namespace Zun.Api.Policy.Expressions;

/// <summary>
/// <c>project_id:%(project_id)s</c>, <c>is_admin:True</c>: satisfied when one of the caller's values of the attribute
/// equals the match, exactly.
/// </summary>
internal sealed class AttributeCheck(string attribute, MatchTemplate match) : PolicyExpression
{
    public override bool IsSatisfiedBy(PolicyEvaluation evaluation) =>
        match.Format(evaluation.Target) is { } wanted
        && evaluation.Credentials.Values(attribute).Contains(wanted, StringComparer.Ordinal);
}
