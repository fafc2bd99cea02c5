using System.Globalization;

namespace Zun.Api.Root;

/// <summary>Times as upstream writes them: <c>2018-03-04T19:48:49.000000</c> (UTC, no zone).</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? time) => time is { } t ? Format(t) : null;
}
