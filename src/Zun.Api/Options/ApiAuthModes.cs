namespace Zun.Api.Options;

/// <summary>The values of <c>Zun:Api:Auth</c>.</summary>
public static class ApiAuthModes
{
    /// <summary>Identity from headers or configuration; nothing is authenticated (one machine, tests).</summary>
    public const string NoAuth = "noauth";
}
