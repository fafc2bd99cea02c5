using System.Globalization;

namespace Zun.Api.Requests;

/// <summary>How parameter strings are read: oslo's booleans (Python's <c>True</c> included), digits, decimals.</summary>
internal static class ParameterValues
{
    private static readonly string[] TrueWords = ["1", "t", "true", "on", "y", "yes"];
    private static readonly string[] FalseWords = ["0", "f", "false", "off", "n", "no"];

    public static bool TryParseBool(string? text, out bool value)
    {
        var word = text?.Trim().ToLowerInvariant();
        value = TrueWords.Contains(word);
        return value || FalseWords.Contains(word);
    }

    public static bool TryParseDigits(string? text, out long value)
    {
        value = 0;
        return text is { Length: > 0 } && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Digits with an optional leading minus, as upstream's quota schema's <c>^-?[0-9]+$</c>.</summary>
    public static bool TryParseSignedDigits(string? text, out long value)
    {
        var negative = text is ['-', ..];
        var parsed = TryParseDigits(negative ? text![1..] : text, out value);
        value = negative ? -value : value;
        return parsed;
    }

    public static bool TryParseDecimal(string? text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
