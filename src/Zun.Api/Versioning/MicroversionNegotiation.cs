using Microsoft.Extensions.Primitives;
using Zun.Api.Errors;

namespace Zun.Api.Versioning;

/// <summary>
/// Reads <c>OpenStack-API-Version: container X.Y</c> (or <c>latest</c>) as upstream Zun does and writes the
/// version headers every v1 response carries. A request that names no version gets the minimum, 1.1.
/// </summary>
internal static class MicroversionNegotiation
{
    public const string VersionHeader = "OpenStack-API-Version";
    public const string MinimumHeader = "OpenStack-API-Minimum-Version";
    public const string MaximumHeader = "OpenStack-API-Maximum-Version";

    public static ApiVersion Negotiate(HttpContext context)
    {
        var response = context.Response.Headers;
        response[MinimumHeader] = ApiVersion.Minimum.HeaderValue;
        response[MaximumHeader] = ApiVersion.Maximum.HeaderValue;
        response.Vary = VersionHeader;

        var requested = Requested(context.Request.Headers[VersionHeader]);
        response[VersionHeader] = requested.HeaderValue;
        if (requested < ApiVersion.Minimum || requested > ApiVersion.Maximum)
        {
            throw new ApiException(StatusCodes.Status406NotAcceptable,
                $"Version {requested} was requested but the minor version is not supported by this service. " +
                $"The supported version range is: [{ApiVersion.Minimum.HeaderValue}, {ApiVersion.Maximum.HeaderValue}].",
                code: "zun.microversion-unsupported", title: "Requested microversion is unsupported");
        }

        return requested;
    }

    private static ApiVersion Requested(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header))
            return ApiVersion.Minimum;

        // Several services may share the header ("compute 2.1, container 1.20"); only ours counts.
        var ours = header.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(parts => parts.Length >= 1 && parts[0] == ApiVersion.ServiceType);
        if (ours is null)
            throw NotAcceptable($"Invalid service type for {VersionHeader} header");
        if (ours.Length != 2)
            throw NotAcceptable($"Invalid value for {VersionHeader} header");
        if (string.Equals(ours[1], "latest", StringComparison.OrdinalIgnoreCase))
            return ApiVersion.Maximum;
        return ApiVersion.TryParse(ours[1], out var version) ? version : throw NotAcceptable($"Invalid value for {VersionHeader} header");
    }

    private static ApiException NotAcceptable(string detail) =>
        new(StatusCodes.Status406NotAcceptable, detail, code: "zun.microversion-unsupported", title: "Requested microversion is unsupported");
}
