using Zun.Api.Errors;

namespace Zun.Api.Identity;

/// <summary>
/// <c>Zun:Api:Auth=keystone</c>: a request acts for whom its <c>X-Auth-Token</c> was issued to, as Keystone says. No
/// token, or one Keystone does not accept, is a 401 that tells the client where to get one; Keystone not answering
/// is a 503, never a pass.
/// </summary>
internal sealed class KeystoneIdentitySource(KeystoneTokenCache tokens, KeystoneClient keystone) : IRequestIdentitySource
{
    public async ValueTask<RequestIdentity> ResolveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var token = context.Request.Headers["X-Auth-Token"].ToString().Trim();
        if (token.Length == 0)
            throw Unauthorized(context, "The request you have made requires authentication: it carries no X-Auth-Token.");

        KeystoneToken? valid;
        try
        {
            valid = await tokens.ValidateAsync(token, cancellationToken);
        }
        catch (KeystoneUnavailableException e)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, $"The token could not be validated: {e.Message}", code: "container.keystone-unavailable");
        }

        if (valid is null)
            throw Unauthorized(context, "The request you have made requires authentication: the token is not valid (unknown, expired or revoked).");
        if (valid.ProjectId is null)
            throw Unauthorized(context, "The request you have made requires authentication: the token is not scoped to a project.");

        return new RequestIdentity
        {
            ProjectId = valid.ProjectId,
            ProjectDomainId = valid.ProjectDomainId,
            UserId = valid.UserId,
            UserDomainId = valid.UserDomainId,
            Roles = valid.Roles,
        };
    }

    // keystonemiddleware's challenge: where a client gets a token.
    private ApiException Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = $"Keystone uri=\"{keystone.IdentityUrl.Replace("/v3", "", StringComparison.Ordinal)}\"";
        return new ApiException(StatusCodes.Status401Unauthorized, detail);
    }
}
