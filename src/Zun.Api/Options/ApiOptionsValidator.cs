using Microsoft.Extensions.Options;

namespace Zun.Api.Options;

/// <summary>Checks what data annotations cannot: the listen URL and the authentication mode.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Listen, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
            failures.Add($"{ApiOptions.Section}:Listen must be an http(s) URL such as http://127.0.0.1:9517, got '{options.Listen}'");
        if (!string.Equals(options.Auth, ApiAuthModes.NoAuth, StringComparison.OrdinalIgnoreCase))
            failures.Add($"{ApiOptions.Section}:Auth must be '{ApiAuthModes.NoAuth}' (Keystone is not available yet), got '{options.Auth}'");
        if (string.IsNullOrWhiteSpace(options.NoAuth.ProjectId))
            failures.Add($"{ApiOptions.Section}:NoAuth:ProjectId must not be empty");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
