namespace Zun.Api.Policy;

/// <summary>A rule that is not in oslo.policy's rule language, naming the rule and where in its text it goes wrong.</summary>
public sealed class PolicySyntaxException : Exception
{
    public PolicySyntaxException(string rule, int position, string reason)
        : base($"Policy rule '{rule}' does not parse at position {position}: {reason}")
    {
        Rule = rule;
        Position = position;
        Reason = reason;
    }

    public PolicySyntaxException()
        : this("", 1, "the rule does not parse")
    {
    }

    public PolicySyntaxException(string message)
        : this("", 1, message)
    {
    }

    public PolicySyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = "";
        Reason = message;
    }

    public string Rule { get; } = "";

    /// <summary>1-based: the first character of the rule's text is position 1.</summary>
    public int Position { get; } = 1;

    public string Reason { get; } = "";
}
