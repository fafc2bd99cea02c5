using Zun.Api.Identity;
using Zun.Api.Versioning;

namespace Zun.Api;

/// <summary>What every endpoint knows about the request it serves: its id, its microversion and who it acts for.</summary>
public sealed class ApiRequest
{
    public required Guid RequestId { get; init; }

    public ApiVersion Version { get; set; } = ApiVersion.Minimum;

    public RequestIdentity? Identity { get; set; }

    /// <summary>As upstream spells it in <c>x-openstack-request-id</c> and in container_actions: <c>req-&lt;uuid&gt;</c>.</summary>
    public string RequestIdHeader => $"req-{RequestId:D}";

    /// <summary>The identity, which the request pipeline has resolved before any v1 endpoint runs.</summary>
    public RequestIdentity Caller => Identity ?? throw new InvalidOperationException("the request's identity was not resolved");

    public static ApiRequest? Of(HttpContext context) => context.Features.Get<ApiRequest>();

    public static ApiRequest Current(HttpContext context) =>
        Of(context) ?? throw new InvalidOperationException("the API request pipeline did not run for this request");
}
