using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Quotas;

/// <summary>
/// Upstream's quotas controller: <c>GET</c>, <c>PUT</c> and <c>DELETE /v1/quotas/{project_id}</c> and
/// <c>GET /v1/quotas/{project_id}/defaults</c>, each about the project the path names, which is the target of its rule
/// (<c>quota:get</c> and <c>quota:get_default</c> owner or admin, <c>quota:update</c> and <c>quota:delete</c> admin, by
/// default). The conductor keeps the quotas and counts the usage; the API asks it as acting for every project when the
/// caller is an administrator (<c>context_is_admin</c>), and the conductor changes quotas only for such a caller.
/// </summary>
internal static class QuotaEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/quotas/{projectId}", Get);
        v1.MapPut("/quotas/{projectId}", Update);
        v1.MapDelete("/quotas/{projectId}", Delete);
        v1.MapGet("/quotas/{projectId}/defaults", Defaults);
    }

    /// <summary>The limits that hold for the project, or with <c>usages</c> each with what the project holds.</summary>
    private static async Task<IResult> Get(HttpContext http, string projectId, ZunConnection zun)
    {
        // Upstream takes any other query parameter without a word, as here.
        var call = await QuotaRequests.ReadAsync(http, ZunRules.QuotaGet, About(projectId));
        var usages = call.Parameters.Bool("usages", whenAbsent: false);
        var quotas = await Ask(zun, call, new GetQuota { ProjectId = projectId, AllProjects = call.Policy.IsAdmin, IncludeUsage = usages });
        return ApiResults.Json(usages ? QuotaView.WithUsage(quotas) : QuotaView.Of(quotas.Limits));
    }

    /// <summary>Sets the limits given (the others stay) and answers with every limit that holds afterwards.</summary>
    private static async Task<IResult> Update(HttpContext http, string projectId, ZunConnection zun)
    {
        var call = await QuotaRequests.ReadAsync(http, ZunRules.QuotaUpdate, About(projectId));
        var limits = QuotaRequests.Limits(call.Parameters);
        var quotas = await Ask(zun, call, new UpdateQuota { ProjectId = projectId, AllProjects = call.Policy.IsAdmin, Limits = limits });
        return ApiResults.Json(QuotaView.Of(quotas.Limits));
    }

    /// <summary>The project's own limits are dropped, so the defaults hold again. Upstream's controller returns nothing: 200 with a JSON null (its api-ref says 202).</summary>
    private static async Task<IResult> Delete(HttpContext http, string projectId, ZunConnection zun)
    {
        var call = await QuotaRequests.ReadAsync(http, ZunRules.QuotaDelete, About(projectId));
        call.Parameters.AllowOnly();
        await Ask(zun, call, new DeleteQuota { ProjectId = projectId, AllProjects = call.Policy.IsAdmin });
        return ApiResults.Json(null);
    }

    /// <summary>What a project without limits of its own gets: the <c>default</c> class's, else the conductor's configured ones.</summary>
    private static async Task<IResult> Defaults(HttpContext http, string projectId, ZunConnection zun)
    {
        var call = await QuotaRequests.ReadAsync(http, ZunRules.QuotaGetDefault, About(projectId));
        call.Parameters.AllowOnly();
        var quotas = await Ask(zun, call, new GetDefaultQuota { ProjectId = projectId, AllProjects = call.Policy.IsAdmin });
        return ApiResults.Json(QuotaView.Of(quotas.Limits));
    }

    /// <summary>Upstream's target for each quota rule: the project the quota is about (and no user).</summary>
    private static PolicyTarget About(string projectId) => PolicyTarget.Owned(projectId, userId: null);

    private static async Task<QuotaSet> Ask<T>(ZunConnection zun, ApiCall call, T request)
        where T : class, IQuotaRequest =>
        RejectionReasons.ValueOf(await zun.Client.AskQuotaAsync(request, call.Aborted));
}
