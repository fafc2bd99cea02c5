using Microsoft.Extensions.Options;
using Zun.Api.Errors;
using Zun.Api.Identity;
using Zun.Api.Options;
using Zun.Api.Root;
using Zun.Api.Versioning;

namespace Zun.Api.Requests;

/// <summary>One v1 request as an endpoint sees it: its id, version, caller and parameters.</summary>
internal sealed class ApiCall
{
    private ApiCall(HttpContext http, ApiRequest request, RequestParameters parameters)
    {
        Http = http;
        Request = request;
        Parameters = parameters;
    }

    public HttpContext Http { get; }

    public ApiRequest Request { get; }

    public RequestParameters Parameters { get; }

    public RequestIdentity Caller => Request.Caller;

    public ApiVersion Version => Request.Version;

    /// <summary>The operation a command of this request starts has the request id's uuid, so container_actions finds it by request id.</summary>
    public Guid OperationId => Request.RequestId;

    public string BaseUrl => Links.BaseUrl(Http.Request);

    public CancellationToken Aborted => Http.RequestAborted;

    public static async Task<ApiCall> ReadAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        var parameters = await RequestParameters.ReadAsync(http, options.MaxBodyBytes);
        return new ApiCall(http, ApiRequest.Current(http), parameters);
    }

    /// <summary><c>all_projects</c>, which only an admin may ask for (upstream's <c>*_all_projects</c> rules).</summary>
    public bool AllProjects()
    {
        var all = Parameters.Bool("all_projects", whenAbsent: false);
        return !all || Caller.IsAdmin
            ? all
            : throw new ApiException(StatusCodes.Status403Forbidden, "Policy doesn't allow all_projects to be performed: only an admin may act on all projects.");
    }

    /// <summary>Refuses a parameter that needs a later microversion than the request's.</summary>
    public void RequireVersionFor(string parameter, int minor)
    {
        if (Parameters.Has(parameter) && !Version.IsAtLeast(1, minor))
            throw ApiException.BadRequest($"'{parameter}' is not supported in microversion {Version}; it needs 1.{minor} or later");
    }
}
