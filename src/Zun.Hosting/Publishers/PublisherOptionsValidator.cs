using Microsoft.Extensions.Options;

namespace Zun.Hosting.Publishers;

/// <summary>Refuses a publisher policy that could not mean what it says, naming the setting.</summary>
public sealed class PublisherOptionsValidator : IValidateOptions<PublisherOptions>
{
    public ValidateOptionsResult Validate(string? name, PublisherOptions options)
    {
        var unidentified = options.UnidentifiedPublisher?.Trim() ?? "";
        if (unidentified.Length == 0)
            return ValidateOptionsResult.Fail($"{PublisherOptions.Section}:UnidentifiedPublisher must be service, reject or a project id");

        // Anybody can leave user_id out, so a host role for such publishers would let any client forge a host's reports.
        if (string.Equals(unidentified, PublisherRoles.Host, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"{PublisherOptions.Section}:UnidentifiedPublisher cannot be host: hosts are trusted only by the user_id RabbitMQ validates; use service, reject or a project id");
        }

        foreach (var (user, role) in options.Publishers)
        {
            if (string.Equals(role?.Trim(), PublisherRoles.Reject, StringComparison.OrdinalIgnoreCase))
            {
                return ValidateOptionsResult.Fail(
                    $"{PublisherOptions.Section}:Publishers:{user} is reject: a broker user not to be trusted is left out of the map (or given an empty value)");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
