using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Quotas;

/// <summary>
/// Upstream's quota classes controller: <c>GET</c> and <c>PUT /v1/quota_classes/{quota_class_name}</c>
/// (<c>quota_class:get</c>, <c>quota_class:update</c>, admin by default), answered with the class's limits; a class
/// never set has the configured ones. The class <c>default</c> gives its limits to every project without its own.
/// </summary>
internal static class QuotaClassEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/quota_classes/{name}", Get);
        v1.MapPut("/quota_classes/{name}", Update);
    }

    private static async Task<IResult> Get(HttpContext http, string name, ZunConnection zun)
    {
        var call = await QuotaRequests.ReadAsync(http, ZunRules.QuotaClassGet);
        call.Parameters.AllowOnly();
        return await Answer(zun, call, new GetQuotaClass { ClassName = name, ProjectId = call.Caller.ProjectId, AllProjects = call.Policy.IsAdmin });
    }

    /// <summary>Sets the limits given (creating the class if it has none yet), as upstream's PUT does.</summary>
    private static async Task<IResult> Update(HttpContext http, string name, ZunConnection zun)
    {
        var call = await QuotaRequests.ReadAsync(http, ZunRules.QuotaClassUpdate);
        var limits = QuotaRequests.Limits(call.Parameters);
        return await Answer(zun, call, new UpdateQuotaClass { ClassName = name, ProjectId = call.Caller.ProjectId, AllProjects = call.Policy.IsAdmin, Limits = limits });
    }

    private static async Task<IResult> Answer<T>(ZunConnection zun, ApiCall call, T request)
        where T : class, IQuotaClassRequest =>
        ApiResults.Json(QuotaView.Of(RejectionReasons.ValueOf(await zun.Client.AskQuotaClassAsync(request, call.Aborted)).Limits));
}
