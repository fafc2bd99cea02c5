namespace Zun.Api.Policy.Expressions;

/// <summary><c>role:admin</c>: satisfied when the caller holds the role, compared without regard to case as oslo.policy does.</summary>
internal sealed class RoleCheck(MatchTemplate role) : PolicyExpression
{
    public override bool IsSatisfiedBy(PolicyEvaluation evaluation) =>
        role.Format(evaluation.Target) is { } wanted
        && evaluation.Credentials.Roles.Any(r => string.Equals(r, wanted, StringComparison.OrdinalIgnoreCase));
}
