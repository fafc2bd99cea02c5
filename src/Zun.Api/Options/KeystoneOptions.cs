using System.ComponentModel.DataAnnotations;

namespace Zun.Api.Options;

/// <summary>
/// <c>Zun:Api:Keystone</c>: where tokens are validated and the service user Zun validates them as (keystonemiddleware's
/// <c>[keystone_authtoken]</c>). The user needs the admin role on its project: Keystone shows a member no other token.
/// </summary>
public sealed class KeystoneOptions
{
    /// <summary>Keystone's identity v3 URL, e.g. <c>http://127.0.0.1:35357/v3</c>.</summary>
    public string? Url { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The project the service user's own token is scoped to (usually <c>service</c>).</summary>
    public string? Project { get; set; }

    public string UserDomain { get; set; } = "Default";

    public string ProjectDomain { get; set; } = "Default";

    /// <summary>
    /// How long a valid token is trusted without asking Keystone again (never past its expiry). A revoked token keeps
    /// working for at most this long, as with keystonemiddleware's <c>token_cache_time</c>.
    /// </summary>
    [Range(0, 3600)]
    public int TokenCacheSeconds { get; set; } = 60;

    /// <summary>How long a token Keystone refused is refused without asking again: a burst of one bad token costs one call.</summary>
    [Range(0, 60)]
    public int InvalidTokenCacheSeconds { get; set; } = 5;

    /// <summary>How long one call to Keystone may take before the request is answered 503.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The identity endpoint without a trailing slash, for building its resources' URLs.</summary>
    public string BaseUrl => Url!.TrimEnd('/');
}
