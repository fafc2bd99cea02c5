using MassTransit;
using MassTransit.Configuration;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Zun.Conductor.Scheduling;

/// <summary>
/// Gives every consume in the conductor a message scheduler that keeps schedules in the store directly. Added ahead
/// of every endpoint's own filters (as MassTransit's <c>UseMessageScheduler</c> adds its own), so that the outbox
/// finds it and defers the scheduling until the saga is saved.
/// </summary>
internal sealed class StoreMessageSchedulerFilter(IScheduleStore store, ScheduleSignal signal) : IFilter<ConsumeContext>, IPipeSpecification<ConsumeContext>
{
    public void Apply(IPipeBuilder<ConsumeContext> builder) => builder.AddFilter(this);

    public IEnumerable<ValidationResult> Validate() => [];

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateFilterScope("scheduler");
        scope.Add("type", "zun-store");
    }

    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        context.GetOrAddPayload<MessageSchedulerContext>(() => new ConsumeMessageSchedulerContext(context, CreateScheduler));
        return next.Send(context);
    }

    private MessageScheduler CreateScheduler(ConsumeContext context) =>
        new(new StoreScheduleMessageProvider(store, signal, context.CancellationToken), context.GetPayload<IBusTopology>());
}
