using System.Globalization;
using Zun.Api.Policy.Expressions;

namespace Zun.Api.Policy;

/// <summary>
/// oslo.policy's rule language, as far as Zun's rules need it: checks (<c>role:</c>, <c>rule:</c>,
/// <c>&lt;attribute&gt;:&lt;match&gt;</c>, <c>&lt;literal&gt;:&lt;match&gt;</c>, <c>@</c>, <c>!</c>) joined by
/// <c>not</c>, <c>and</c> and <c>or</c>, binding in that order, with parentheses; the empty rule always passes.
/// Where oslo.policy logs a rule it cannot read and denies everything, this refuses it, naming where it goes wrong.
/// </summary>
internal sealed class PolicyParser
{
    private readonly string _rule;
    private readonly string _text;
    private readonly List<PolicyToken> _tokens;
    private int _next;

    private PolicyParser(string rule, string text)
    {
        _rule = rule;
        _text = text;
        _tokens = PolicyTokenizer.Tokenize(text);
    }

    /// <exception cref="PolicySyntaxException">The text is not a rule.</exception>
    public static PolicyExpression Parse(string rule, string text)
    {
        if (text.Length == 0)
            return ConstantExpression.Always;

        var parser = new PolicyParser(rule, text);
        if (parser._tokens.Count == 0)
            throw new PolicySyntaxException(rule, 1, "the rule is blank: write \"\" or @ for always, ! for never");

        var expression = parser.Or();
        if (parser.Peek() is { } extra)
            throw parser.Error(extra.Position, extra.Kind == PolicyTokenKind.Close ? "')' closes no '('" : $"expected 'and' or 'or' before '{extra.Text}'");
        return expression;
    }

    private PolicyExpression Or()
    {
        var operands = new List<PolicyExpression> { And() };
        while (Accept(PolicyTokenKind.Or))
            operands.Add(And());
        return operands.Count == 1 ? operands[0] : new AnyOfExpression(operands);
    }

    private PolicyExpression And()
    {
        var operands = new List<PolicyExpression> { Unary() };
        while (Accept(PolicyTokenKind.And))
            operands.Add(Unary());
        return operands.Count == 1 ? operands[0] : new AllOfExpression(operands);
    }

    private PolicyExpression Unary()
    {
        if (Accept(PolicyTokenKind.Not))
            return new NotExpression(Unary());

        var token = Peek() ?? throw Error(_text.Length + 1, $"the rule ends where a check is expected{After()}");
        _next++;
        switch (token.Kind)
        {
            case PolicyTokenKind.Open:
                var inside = Or();
                if (!Accept(PolicyTokenKind.Close))
                    throw Error(Peek()?.Position ?? _text.Length + 1, $"the '(' at position {token.Position} is not closed");
                return inside;
            case PolicyTokenKind.Check:
                return Check(token);
            default:
                throw Error(token.Position, $"expected a check, found '{token.Text}'");
        }
    }

    private PolicyExpression Check(PolicyToken token)
    {
        switch (token.Text)
        {
            case "@":
                return ConstantExpression.Always;
            case "!":
                return ConstantExpression.Never;
        }

        var colon = token.Text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            throw Error(token.Position, $"'{token.Text}' is not a check: write kind:match (role:admin, rule:admin_api, project_id:%(project_id)s), @ or !");

        var kind = token.Text[..colon];
        var match = token.Text[(colon + 1)..];
        var matchPosition = token.Position + colon + 1;
        switch (kind)
        {
            case "rule":
                return match.Length > 0 ? new RuleCheck(match) : throw Error(matchPosition, "rule: needs the name of a rule");
            case "role":
                return match.Length > 0 ? new RoleCheck(MatchTemplate.Parse(_rule, match, matchPosition)) : throw Error(matchPosition, "role: needs the name of a role");
            case "http" or "https":
                throw Error(token.Position, $"{kind}: checks (asking a remote server) are not supported by Zun");
        }

        var template = MatchTemplate.Parse(_rule, match, matchPosition);
        return Literal(kind) is { } literal ? new LiteralCheck(literal, template) : new AttributeCheck(kind, template);
    }

    /// <summary>The left side as Python's <c>str(ast.literal_eval(kind))</c> prints it, or null when it names an attribute.</summary>
    private static string? Literal(string kind)
    {
        if (kind.Length >= 2 && kind[0] is '\'' or '"' && kind[^1] == kind[0])
            return kind[1..^1];
        if (kind is "True" or "False" or "None")
            return kind;
        return long.TryParse(kind, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    private PolicyToken? Peek() => _next < _tokens.Count ? _tokens[_next] : null;

    private bool Accept(PolicyTokenKind kind)
    {
        if (Peek() is not { } token || token.Kind != kind)
            return false;
        _next++;
        return true;
    }

    private string After() => _next > 0 ? $" after '{_tokens[_next - 1].Text}'" : "";

    private PolicySyntaxException Error(int position, string reason) => new(_rule, position, reason);
}
