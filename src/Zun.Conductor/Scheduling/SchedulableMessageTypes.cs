using MassTransit;
using Zun.Conductor.StateMachines;

namespace Zun.Conductor.Scheduling;

/// <summary>
/// The message types the scheduler may fire, by MassTransit URN. A scheduled message is stored as
/// JSON and must be turned back into a typed message to be sent; only Zun's own types qualify.
/// </summary>
internal sealed class SchedulableMessageTypes
{
    private readonly Dictionary<string, Type> _types = new[] { typeof(OperationDeadlineExpired), typeof(Jobs.JobDeadlineReached), typeof(Jobs.JobRetryDue), typeof(Jobs.JobQueueCheck) }
        .ToDictionary(t => MessageUrn.ForTypeString(t), StringComparer.Ordinal);

    public bool TryResolve(string urn, out Type type) => _types.TryGetValue(urn, out type!);
}
