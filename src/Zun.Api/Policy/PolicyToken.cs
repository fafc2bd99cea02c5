namespace Zun.Api.Policy;

/// <summary>One word of a rule: a parenthesis, an operator or a check, with its 1-based position in the rule's text.</summary>
internal readonly record struct PolicyToken(PolicyTokenKind Kind, string Text, int Position);
