using System.Collections.Frozen;
using Zun.Api.Identity;

namespace Zun.Api.Policy;

/// <summary>
/// Every named rule in force: upstream's defaults, each replaced by an operator's rule of the same name. Asking about
/// a rule no one defined is a denial, as oslo.policy fails closed.
/// </summary>
internal sealed class PolicyRuleSet
{
    private readonly FrozenDictionary<string, PolicyRule> _rules;

    private PolicyRuleSet(IEnumerable<PolicyRule> rules)
    {
        _rules = rules.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        ThrowOnCycle();
    }

    /// <summary>Upstream's defaults (<see cref="ZunRules.Defaults"/>), parsed.</summary>
    public static PolicyRuleSet Defaults { get; } = new(ZunRules.Defaults.Select(d => PolicyRule.Parse(d.Name, d.Check)));

    public IEnumerable<string> Names => _rules.Keys;

    /// <summary>These rules with <paramref name="overrides"/> in place of the rules of their names, or beside them.</summary>
    /// <exception cref="PolicyCycleException">The rules would refer to each other in a loop.</exception>
    public PolicyRuleSet With(IEnumerable<PolicyRule> overrides)
    {
        var merged = new Dictionary<string, PolicyRule>(_rules, StringComparer.Ordinal);
        foreach (var rule in overrides)
            merged[rule.Name] = rule;
        return new PolicyRuleSet(merged.Values);
    }

    public bool Defines(string name) => _rules.ContainsKey(name);

    public PolicyRule? Find(string name) => _rules.GetValueOrDefault(name);

    /// <summary>Names that <c>rule:</c> checks refer to and no rule has, each with a rule that refers to it.</summary>
    public IEnumerable<(string Rule, string Missing)> UndefinedReferences() =>
        _rules.Values.SelectMany(r => r.Expression.RuleReferences.Where(n => !Defines(n)).Distinct().Select(n => (r.Name, n)));

    /// <summary>
    /// The caller's credentials with <c>is_admin</c> as upstream's context sets it: whether <c>context_is_admin</c>
    /// holds for the caller, against no target.
    /// </summary>
    public PolicyCredentials CredentialsOf(RequestIdentity caller)
    {
        var credentials = PolicyCredentials.Of(caller);
        return credentials.WithAdmin(Allows(ZunRules.ContextIsAdmin, credentials, PolicyTarget.Empty));
    }

    public bool Allows(string name, PolicyCredentials credentials, PolicyTarget target) =>
        Allows(name, new PolicyEvaluation(credentials, target, this));

    public bool Allows(string name, PolicyEvaluation evaluation) =>
        _rules.TryGetValue(name, out var rule) && rule.Expression.IsSatisfiedBy(evaluation);

    private void ThrowOnCycle()
    {
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        // In name order, so that the same rules always report the same loop.
        foreach (var name in _rules.Keys.Order(StringComparer.Ordinal))
            Visit(name, finished, path);
    }

    private void Visit(string name, HashSet<string> finished, List<string> path)
    {
        if (finished.Contains(name) || !_rules.TryGetValue(name, out var rule))
            return;
        var onPath = path.IndexOf(name);
        if (onPath >= 0)
            throw new PolicyCycleException([.. path[onPath..], name]);

        path.Add(name);
        foreach (var reference in rule.Expression.RuleReferences)
            Visit(reference, finished, path);
        path.RemoveAt(path.Count - 1);
        finished.Add(name);
    }
}
