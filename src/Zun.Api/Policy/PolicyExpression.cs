namespace Zun.Api.Policy;

/// <summary>A parsed rule, or a part of one: a check, or checks joined by <c>and</c>, <c>or</c> and <c>not</c>.</summary>
internal abstract class PolicyExpression
{
    public abstract bool IsSatisfiedBy(PolicyEvaluation evaluation);

    /// <summary>The named rules this one refers to (<c>rule:name</c>), to find references that loop or lead nowhere.</summary>
    public virtual IEnumerable<string> RuleReferences => [];
}
