using System.Collections.Frozen;
using MassTransit;
using Zun.Conductor.Commands;

namespace Zun.Conductor.Admission;

/// <summary>
/// Reads every command that arrives at a conductor endpoint as a MassTransit message with <see cref="CommandJson"/>,
/// before MassTransit reads it for the state machine, and refuses what that reading refuses (<see cref="CommandRefusals"/>).
/// MassTransit alone would pass over a misspelled field (a create without its memory limit) and answer a wrongly typed
/// one with nothing but a <c>Fault</c>. Only the message object of an envelope is read, not the headers around it, and
/// only commands: the conductor's and workers' own messages pass untouched.
/// </summary>
internal sealed class CommandAdmissionFilter(CommandRefusals refusals) : IFilter<ConsumeContext>
{
    private static readonly FrozenDictionary<string, Type> CommandsByUrn =
        ContainerCommands.TypesByName.Values.ToFrozenDictionary(MessageUrn.ForTypeString, StringComparer.OrdinalIgnoreCase);

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (CommandType(context) is { } type && MessageJson.Of(context) is { } message)
        {
            using (message)
            {
                var reading = CommandJson.Read(type, message.Element);
                if (reading.Problem is not null)
                {
                    await refusals.Refuse(context, reading);
                    return;
                }
            }
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commandAdmission");

    private static Type? CommandType(ConsumeContext context) =>
        context.SupportedMessageTypes.Select(urn => CommandsByUrn.GetValueOrDefault(urn)).FirstOrDefault(t => t is not null);
}
