namespace Zun.Api.Options;

/// <summary>The values of <c>Zun:Api:Auth</c>.</summary>
public static class ApiAuthModes
{
    /// <summary>Identity from headers or configuration; nothing is authenticated (one machine, tests).</summary>
    public const string NoAuth = "noauth";

    /// <summary>Each request's <c>X-Auth-Token</c> validated against Keystone, as keystonemiddleware does.</summary>
    public const string Keystone = "keystone";

    public static bool IsKeystone(this ApiOptions options) => string.Equals(options.Auth, Keystone, StringComparison.OrdinalIgnoreCase);
}
