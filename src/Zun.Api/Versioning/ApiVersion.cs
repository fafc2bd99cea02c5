using System.Globalization;

namespace Zun.Api.Versioning;

/// <summary>A microversion of the container API, e.g. 1.20.</summary>
public readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    public const string ServiceType = "container";

    /// <summary>The oldest microversion served: also what a request that names none gets, as upstream does.</summary>
    public static readonly ApiVersion Minimum = new(1, 1);

    public static readonly ApiVersion Maximum = new(1, 40);

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public bool IsAtLeast(int major, int minor) => CompareTo(new ApiVersion(major, minor)) >= 0;

    public static bool operator <(ApiVersion left, ApiVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ApiVersion left, ApiVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ApiVersion left, ApiVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ApiVersion left, ApiVersion right) => left.CompareTo(right) >= 0;

    public static bool TryParse(string text, out ApiVersion version)
    {
        version = default;
        var parts = text.Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            return false;
        version = new ApiVersion(major, minor);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary>As the version headers carry it: <c>container 1.40</c>.</summary>
    public string HeaderValue => $"{ServiceType} {this}";
}
