using System.Globalization;
using System.Text.RegularExpressions;

namespace Zun.Worker.Runtime;

/// <summary>Times as the engine writes and reads them.</summary>
internal static partial class EngineTime
{
    /// <summary>A time as the engine's query parameters take it: Unix seconds with a fraction.</summary>
    public static string ToQuery(DateTimeOffset time)
    {
        var ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{remainder * 100:D9}");
    }

    /// <summary>The engine writes RFC 3339 with nanoseconds; .NET reads at most seven fraction digits.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        text is not null
        && DateTimeOffset.TryParse(
            ExcessFractionDigits().Replace(text, "$1"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex ExcessFractionDigits();
}
