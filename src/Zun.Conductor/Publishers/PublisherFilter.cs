using MassTransit;
using Zun.Conductor.Admission;
using Zun.Contracts;
using Zun.Hosting.Publishers;

namespace Zun.Conductor.Publishers;

/// <summary>
/// Lets a message on a conductor endpoint through only from a publisher Zun's policy trusts with it, by the AMQP
/// <c>user_id</c> RabbitMQ validated: commands and queries from a service, or from a project's publisher for that
/// project; a host's reports only from a host's broker user (or from the conductor itself, which derives observations
/// from inventories); its own messages only from the conductor's broker user. A refused command is rejected to its
/// operation saying why, a refused query answered <see cref="RequestRejected"/>; anything else refused is dropped. Every
/// refusal is counted, and logged once a minute per publisher.
/// </summary>
internal sealed class PublisherFilter(PublisherPolicy policy, UntrustedMessages untrusted, CommandRefusals refusals) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (ConductorMessages.Of(context) is not var (kind, type, name))
        {
            await next.Send(context);
            return;
        }

        var publisher = policy.Of(context.ReceiveContext);
        using var message = kind is MessageKind.Command or MessageKind.Query ? MessageJson.Of(context) : null;
        var problem = kind switch
        {
            // The conductor's own commands and queries (a batch job's attempts, their logs) were checked as the job's.
            MessageKind.Command or MessageKind.Query => policy.IsOwn(publisher) ? null : PublisherScope.Problem(publisher, Scope(type, message), name),
            MessageKind.HostReport => publisher.IsHost || policy.IsOwn(publisher)
                ? null
                : $"{publisher.Name} is not a Zun host's: a host's reports are applied only from a broker user mapped to host",
            // A host's answer to a request the conductor itself sent it (a job's output): its request id is the conductor's.
            _ when context.RequestId is not null && publisher.IsHost => null,
            _ => policy.IsOwn(publisher) ? null : $"{publisher.Name} is not the conductor's, and only the conductor sends it this",
        };
        if (problem is null)
        {
            await next.Send(context);
            return;
        }

        if (kind == MessageKind.Command)
            await refusals.Refuse(context, CommandReading.Refused(type!, problem, message is null ? CommandAddress.None : CommandAddress.Of(message.Element)));
        else if (kind == MessageKind.Query && context.ResponseAddress is not null)
            await context.RespondAsync(new RequestRejected { ContainerId = ContainerId(message), Reason = problem });
        await untrusted.Drop(context, publisher, name, problem);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("publisher");

    private static CallerScope? Scope(Type? type, MessageJson? message) =>
        type is not null && typeof(ICallerScope).IsAssignableFrom(type)
            ? message is null ? new CallerScope(null, false) : CallerScope.Of(message.Element)
            : null;

    private static Guid ContainerId(MessageJson? message) =>
        message is not null && CommandAddress.Of(message.Element).ContainerId is { } id ? id : Guid.Empty;
}
