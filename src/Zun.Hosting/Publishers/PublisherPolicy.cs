using MassTransit;
using Microsoft.Extensions.Options;

namespace Zun.Hosting.Publishers;

/// <summary>Tells who published a message received from RabbitMQ, by its validated <c>user_id</c>, and what Zun's policy lets them do.</summary>
public sealed class PublisherPolicy(IOptions<PublisherOptions> options, IOptions<RabbitMqOptions> rabbit)
{
    private readonly string _ownUser = rabbit.Value.UserName();

    /// <summary>
    /// Whether this process itself published the message: its own broker user set the user_id. The conductor trusts what
    /// it derived itself (the observations it makes of a host's inventory) as it trusts the host.
    /// </summary>
    public bool IsOwn(Publisher publisher) => publisher.UserId == _ownUser;

    /// <summary>The publisher of the delivery behind <paramref name="context"/>.</summary>
    public Publisher Of(ReceiveContext context) => Of(UserId(context));

    /// <summary>The role the policy gives the broker user <paramref name="userId"/> (null: the message set no user_id).</summary>
    public Publisher Of(string? userId)
    {
        var policy = options.Value;
        if (userId is null)
            return policy.UnidentifiedPublisher.Trim() is var role && string.Equals(role, PublisherRoles.Reject, StringComparison.OrdinalIgnoreCase)
                ? new Publisher(null, PublisherRole.Unidentified)
                : Mapped(null, role);

        return policy.Publishers.TryGetValue(userId, out var mapped) && mapped?.Trim() is { Length: > 0 } text
            ? Mapped(userId, text)
            : new Publisher(userId, PublisherRole.Unknown);
    }

    /// <summary>
    /// The AMQP <c>user_id</c> of a RabbitMQ delivery. Null for a message that set none, and for one that did not come
    /// from RabbitMQ at all (MassTransit's in-memory test transport), which is treated like a message with none.
    /// </summary>
    public static string? UserId(ReceiveContext context) =>
        context.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) && delivery.Properties.UserId is { Length: > 0 } user ? user : null;

    private static Publisher Mapped(string? userId, string role) => role.ToLowerInvariant() switch
    {
        PublisherRoles.Service => new Publisher(userId, PublisherRole.Service),
        PublisherRoles.Host => new Publisher(userId, PublisherRole.Host),
        _ => new Publisher(userId, PublisherRole.Project, role),
    };
}
