using Microsoft.Extensions.Options;

namespace Zun.Worker.Options;

/// <summary>Refuses an engine endpoint Docker.DotNet cannot use, naming the setting.</summary>
internal sealed class DockerOptionsValidator : IValidateOptions<DockerOptions>
{
    private static readonly string[] Schemes = ["unix", "tcp", "http", "https", "npipe"];

    public ValidateOptionsResult Validate(string? name, DockerOptions options) =>
        Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) && Schemes.Contains(endpoint.Scheme)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{DockerOptions.Section}:Endpoint '{options.Endpoint}' must be a URL with scheme {string.Join(", ", Schemes)} (e.g. unix:///var/run/docker.sock)");
}
