using System.Collections.Frozen;
using System.Text.Json;

namespace Zun.Telemetry;

/// <summary>Enum values as metric tags spell them (<c>pull_image</c>, <c>timed_out</c>), computed once per value.</summary>
public static class TagValue
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : value.ToString();

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));
    }
}
