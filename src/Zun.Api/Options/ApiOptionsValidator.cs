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
        if (options.IsKeystone())
            failures.AddRange(KeystoneFailures(options.Keystone));
        else if (!string.Equals(options.Auth, ApiAuthModes.NoAuth, StringComparison.OrdinalIgnoreCase))
            failures.Add($"{ApiOptions.Section}:Auth must be '{ApiAuthModes.NoAuth}' or '{ApiAuthModes.Keystone}', got '{options.Auth}'");
        else if (string.IsNullOrWhiteSpace(options.NoAuth.ProjectId))
            failures.Add($"{ApiOptions.Section}:NoAuth:ProjectId must not be empty");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> KeystoneFailures(KeystoneOptions keystone)
    {
        const string section = $"{ApiOptions.Section}:Keystone";
        if (!Uri.TryCreate(keystone.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return $"{section}:Url must be Keystone's identity v3 URL such as http://127.0.0.1:35357/v3, got '{keystone.Url}'";
        foreach (var (name, value) in new[] { ("Username", keystone.Username), ("Password", keystone.Password), ("Project", keystone.Project), ("UserDomain", keystone.UserDomain), ("ProjectDomain", keystone.ProjectDomain) })
        {
            if (string.IsNullOrWhiteSpace(value))
                yield return $"{section}:{name} must be set when {ApiOptions.Section}:Auth is keystone";
        }
    }
}
