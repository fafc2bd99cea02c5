using Microsoft.Extensions.Options;
using Zun.Api.Options;

namespace Zun.Api.Identity;

/// <summary>
/// <c>Zun:Api:Auth=noauth</c>: the caller says who it is in <c>X-Project-Id</c>, <c>X-User-Id</c> and <c>X-Roles</c>
/// (as keystonemiddleware would have set them), or else acts for the configured project as admin.
/// </summary>
internal sealed class NoAuthIdentitySource(IOptions<ApiOptions> options) : IRequestIdentitySource
{
    public ValueTask<RequestIdentity> ResolveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var headers = context.Request.Headers;
        var project = Header(headers, "X-Project-Id");
        var user = Header(headers, "X-User-Id");
        var roles = Header(headers, "X-Roles")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var fallback = options.Value.NoAuth;
        return ValueTask.FromResult(new RequestIdentity
        {
            ProjectId = project ?? fallback.ProjectId,
            UserId = user ?? fallback.UserId,
            // A caller that names its project gets the roles it names; one that names nothing is the operator.
            Roles = roles ?? (project is null ? ["admin"] : []),
        });
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text.Trim() : null;
}
