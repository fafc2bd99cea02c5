using Microsoft.Extensions.Options;
using Zun.Api.Errors;
using Zun.Api.Identity;
using Zun.Api.Options;
using Zun.Api.Policy;
using Zun.Api.Root;
using Zun.Api.Versioning;

namespace Zun.Api.Requests;

/// <summary>One v1 request as an endpoint sees it: its id, version, caller and parameters.</summary>
internal sealed class ApiCall
{
    private ApiCall(HttpContext http, ApiRequest request, RequestParameters parameters, CallerPolicy policy)
    {
        Http = http;
        Request = request;
        Parameters = parameters;
        Policy = policy;
    }

    public HttpContext Http { get; }

    public ApiRequest Request { get; }

    public RequestParameters Parameters { get; }

    public RequestIdentity Caller => Request.Caller;

    /// <summary>The policy rules as they apply to the caller.</summary>
    public CallerPolicy Policy { get; }

    public ApiVersion Version => Request.Version;

    /// <summary>The operation a command of this request starts has the request id's uuid, so container_actions finds it by request id.</summary>
    public Guid OperationId => Request.RequestId;

    public string BaseUrl => Links.BaseUrl(Http.Request);

    public CancellationToken Aborted => Http.RequestAborted;

    /// <param name="http">The request.</param>
    /// <param name="carriesArchive">The body is a put_archive's, bounded by <see cref="ApiOptions.MaxArchiveBodyBytes"/> instead of <see cref="ApiOptions.MaxBodyBytes"/>.</param>
    public static async Task<ApiCall> ReadAsync(HttpContext http, bool carriesArchive = false)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        var parameters = await RequestParameters.ReadAsync(http, carriesArchive
            ? (options.MaxArchiveBodyBytes, $"{ApiOptions.Section}:{nameof(ApiOptions.MaxArchiveBodyBytes)}")
            : (options.MaxBodyBytes, $"{ApiOptions.Section}:{nameof(ApiOptions.MaxBodyBytes)}"));
        var request = ApiRequest.Current(http);
        var policy = http.RequestServices.GetRequiredService<PolicyEnforcer>().For(request.Caller, request.RequestIdHeader);
        return new ApiCall(http, request, parameters, policy);
    }

    /// <summary><c>all_projects</c>, when the caller asks for it and <paramref name="rule"/> (one of upstream's <c>*_all_projects</c>) allows it.</summary>
    public bool AllProjects(string rule)
    {
        var all = Parameters.Bool("all_projects", whenAbsent: false);
        if (all)
            Policy.Authorize(rule);
        return all;
    }

    /// <summary>Refuses a parameter that needs a later microversion than the request's.</summary>
    public void RequireVersionFor(string parameter, int minor)
    {
        if (Parameters.Has(parameter) && !Version.IsAtLeast(1, minor))
            throw ApiException.BadRequest($"'{parameter}' is not supported in microversion {Version}; it needs 1.{minor} or later");
    }
}
