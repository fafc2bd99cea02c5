namespace Zun.Api.Policy;

/// <summary>A named rule: its text as written, and that text parsed.</summary>
internal sealed record PolicyRule(string Name, string Text, PolicyExpression Expression)
{
    /// <exception cref="PolicySyntaxException">The text is not a rule.</exception>
    public static PolicyRule Parse(string name, string text) => new(name, text, PolicyParser.Parse(name, text));
}
