namespace Zun.Api.Identity;

/// <summary>Resolves the identity of a request, once per request, before any endpoint runs.</summary>
public interface IRequestIdentitySource
{
    /// <summary>The identity, or an <see cref="Errors.ApiException"/> (401/403 once tokens are checked).</summary>
    ValueTask<RequestIdentity> ResolveAsync(HttpContext context, CancellationToken cancellationToken);
}
