using System.Text;

namespace Zun.Api.Policy;

/// <summary>
/// The right-hand side of a check, <c>%(project_id)s</c> or a plain value: Python's <c>%</c> formatting against the
/// target, as oslo.policy applies it. Only <c>%(name)s</c> and <c>%%</c> are taken; anything else after a <c>%</c> is
/// refused when the rule is read, where Python would fail at the first request.
/// </summary>
internal sealed class MatchTemplate
{
    private readonly IReadOnlyList<Piece> _pieces;

    private MatchTemplate(IReadOnlyList<Piece> pieces) => _pieces = pieces;

    /// <summary>Reads <paramref name="text"/>, which starts at <paramref name="position"/> in rule <paramref name="rule"/>.</summary>
    public static MatchTemplate Parse(string rule, string text, int position)
    {
        var pieces = new List<Piece>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                literal.Append(text[i]);
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '%')
            {
                literal.Append('%');
                i++;
                continue;
            }

            var close = text.IndexOf(')', i);
            if (i + 1 >= text.Length || text[i + 1] != '(' || close < 0 || close + 1 >= text.Length || text[close + 1] != 's' || close == i + 2)
                throw new PolicySyntaxException(rule, position + i, $"'{text[i..]}' is not a substitution: write %(name)s, or %% for a '%'");

            if (literal.Length > 0)
                pieces.Add(new Piece(literal.ToString(), null));
            literal.Clear();
            pieces.Add(new Piece(null, text[(i + 2)..close]));
            i = close + 1;
        }

        if (literal.Length > 0 || pieces.Count == 0)
            pieces.Add(new Piece(literal.ToString(), null));
        return new MatchTemplate(pieces);
    }

    /// <summary>The value with the target's attributes put in; null when the target lacks one (the check then fails).</summary>
    public string? Format(PolicyTarget target)
    {
        if (_pieces is [{ Attribute: null } only])
            return only.Literal;

        var formatted = new StringBuilder();
        foreach (var piece in _pieces)
        {
            if (piece.Attribute is null)
                formatted.Append(piece.Literal);
            else if (target.Get(piece.Attribute) is { } value)
                formatted.Append(value);
            else
                return null;
        }

        return formatted.ToString();
    }

    private sealed record Piece(string? Literal, string? Attribute);
}
