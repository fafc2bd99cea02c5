using System.Net;
using Microsoft.Extensions.Options;

namespace Zun.Worker.Options;

/// <summary>Refuses an unknown runtime and a publish address Docker cannot bind, naming the setting.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options) =>
        !Enum.IsDefined(options.Runtime)
            ? ValidateOptionsResult.Fail(
                $"{WorkerOptions.Section}:Runtime '{options.Runtime}' must be one of {string.Join(", ", Enum.GetNames<ContainerRuntimeKind>())}")
            : IPAddress.TryParse(options.PublishAddress, out _)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{WorkerOptions.Section}:PublishAddress '{options.PublishAddress}' must be an IP address (0.0.0.0 for all addresses, 127.0.0.1 for this machine only)");
}
