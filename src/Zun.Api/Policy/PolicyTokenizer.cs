namespace Zun.Api.Policy;

/// <summary>
/// Splits a rule into words as oslo.policy does: at whitespace, with parentheses split off the start and end of a
/// word only, since a check's own text may hold them (<c>project_id:%(project_id)s</c>). Operators are
/// case-insensitive.
/// </summary>
internal static class PolicyTokenizer
{
    public static List<PolicyToken> Tokenize(string rule)
    {
        var tokens = new List<PolicyToken>();
        var i = 0;
        while (i < rule.Length)
        {
            if (char.IsWhiteSpace(rule[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < rule.Length && !char.IsWhiteSpace(rule[i]))
                i++;
            AddWord(tokens, rule[start..i], start + 1);
        }

        return tokens;
    }

    private static void AddWord(List<PolicyToken> tokens, string word, int position)
    {
        var opening = word.Length - word.TrimStart('(').Length;
        for (var p = 0; p < opening; p++)
            tokens.Add(new PolicyToken(PolicyTokenKind.Open, "(", position + p));

        var rest = word[opening..];
        var body = rest.TrimEnd(')');
        if (body.Length > 0)
            tokens.Add(new PolicyToken(KindOf(body), body, position + opening));

        for (var p = body.Length; p < rest.Length; p++)
            tokens.Add(new PolicyToken(PolicyTokenKind.Close, ")", position + opening + p));
    }

    private static PolicyTokenKind KindOf(string word) => word.ToLowerInvariant() switch
    {
        "and" => PolicyTokenKind.And,
        "or" => PolicyTokenKind.Or,
        "not" => PolicyTokenKind.Not,
        _ => PolicyTokenKind.Check,
    };
}
