namespace Zun.Api.Policy;

/// <summary>What a word of a rule is.</summary>
internal enum PolicyTokenKind
{
    Open,
    Close,
    And,
    Or,
    Not,
    Check,
}
