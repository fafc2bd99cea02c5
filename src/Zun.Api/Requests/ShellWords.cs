using System.Text;
using Zun.Api.Errors;

namespace Zun.Api.Requests;

/// <summary>
/// Commands given as one string (before microversion 1.20, and for execute) are split as Python's shlex does;
/// commands shown as one string are joined so that splitting them again gives the same words.
/// </summary>
internal static class ShellWords
{
    public static string[] Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = null; else word.Append(c);
            }
            else if (quote == '"')
            {
                if (c == '"') quote = null;
                else if (c == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`') word.Append(command[++i]);
                else word.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"') quote = c;
                else if (c == '\\' && i + 1 < command.Length) word.Append(command[++i]);
                else word.Append(c);
            }
        }

        if (quote is not null)
            throw ApiException.BadRequest($"Invalid input for field/attribute command: no closing quotation in '{command}'");
        if (inWord)
            words.Add(word.ToString());
        return [.. words];
    }

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./-_".Contains(c))
            ? word
            : $"'{word.Replace("'", "'\"'\"'", StringComparison.Ordinal)}'";
}
