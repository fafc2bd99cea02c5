namespace Zun.Api.Policy;

/// <summary>One question put to the rules: who asks, about what, and the named rules <c>rule:</c> checks refer to.</summary>
internal sealed record PolicyEvaluation(PolicyCredentials Credentials, PolicyTarget Target, PolicyRuleSet Rules);
