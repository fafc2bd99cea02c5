using Zun.Api.Errors;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Api.Versioning;
using Zun.Contracts;

namespace Zun.Api.Quotas;

/// <summary>
/// How the quota and quota class endpoints read a request: served from the microversion upstream's version history
/// names for quota support, the rule checked before the conductor is asked, and limits read as upstream's schema reads
/// them (<c>containers</c>, <c>memory</c>, <c>cpu</c>, <c>disk</c>; whole numbers or their digits, -1 or more; nothing else).
/// </summary>
internal static class QuotaRequests
{
    /// <summary>1.26, "Introduce Quota support API" in upstream's rest_api_version_history.</summary>
    public static readonly ApiVersion Introduced = new(1, 26);

    private static readonly string[] LimitFields = ["containers", "memory", "cpu", "disk"];

    /// <summary>The call, once its microversion serves quotas and <paramref name="rule"/> allows the caller.</summary>
    /// <exception cref="ApiException">404 below <see cref="Introduced"/>, as this API answers every route a later microversion brings; 403 when the rule denies it.</exception>
    public static async Task<ApiCall> ReadAsync(HttpContext http, string rule, PolicyTarget? target = null)
    {
        var version = ApiRequest.Current(http).Version;
        if (version < Introduced)
            throw ApiException.NotFound($"The resource could not be found: quotas need microversion {Introduced} or later; this request asked for {version}");
        var call = await ApiCall.ReadAsync(http);
        call.Policy.Authorize(rule, target);
        return call;
    }

    /// <summary>The limits a PUT gives, each null that it leaves as it is; any other field is a 400 naming it.</summary>
    public static QuotaLimits Limits(RequestParameters parameters)
    {
        parameters.AllowOnly(LimitFields);
        return new QuotaLimits
        {
            Containers = Limit(parameters, "containers"),
            MemoryMb = Limit(parameters, "memory"),
            Cpu = Limit(parameters, "cpu"),
            DiskGb = Limit(parameters, "disk"),
        };
    }

    private static int? Limit(RequestParameters parameters, string name) =>
        (int?)parameters.Integer(name, minimum: QuotaLimits.Unlimited, maximum: int.MaxValue);
}
