using System.Globalization;
using System.Text;

namespace Zun.Hosting;

/// <summary>
/// Client input as a reason quotes it. A reason goes into the rejection event, its notification and a log line, so it
/// shows only a prefix of the value (a megabyte of name must not travel three times), and control characters escaped
/// (a newline in a hostname must not start a new log line).
/// </summary>
public static class Quoted
{
    /// <summary>How many characters of a value a reason shows.</summary>
    public const int MaxLength = 64;

    /// <summary>The value in quotes, cut to <see cref="MaxLength"/> characters with its full length said when it is longer.</summary>
    public static string Value(string? value)
    {
        if (value is null)
            return "null";

        var shown = value.Length <= MaxLength ? value : value[..PrefixLength(value)];
        var quoted = new StringBuilder(shown.Length + 2).Append('\'');
        foreach (var c in shown)
            Append(quoted, c);
        quoted.Append('\'');
        return value.Length <= MaxLength
            ? quoted.ToString()
            : quoted.Append(CultureInfo.InvariantCulture, $"... ({value.Length} characters)").ToString();
    }

    /// <summary>Never cuts between the two halves of a surrogate pair.</summary>
    private static int PrefixLength(string value) => char.IsHighSurrogate(value[MaxLength - 1]) ? MaxLength - 1 : MaxLength;

    private static void Append(StringBuilder quoted, char c)
    {
        switch (c)
        {
            case '\n':
                quoted.Append("\\n");
                break;
            case '\r':
                quoted.Append("\\r");
                break;
            case '\t':
                quoted.Append("\\t");
                break;
            case '\\':
                quoted.Append("\\\\");
                break;
            case var control when char.IsControl(control):
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)control:x4}");
                break;
            default:
                quoted.Append(c);
                break;
        }
    }
}
