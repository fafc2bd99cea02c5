using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Admission;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Hosting;
using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>
/// The jobs' endpoint. A job's messages are not partitioned: the container events that concern it are found by query,
/// so two of them may meet on one job, and the record's version decides which is applied first (the other is retried).
/// </summary>
internal sealed class BatchJobStateMachineDefinition : SagaDefinition<TrackedJob>
{
    public BatchJobStateMachineDefinition(IOptions<ConductorOptions> options)
    {
        Endpoint(e => e.Name = $"{options.Value.Endpoint}-jobs");
        ConcurrentMessageLimit = options.Value.ConcurrencyLimit;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TrackedJob> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseCommandAdmission(context);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(20, 50, 100, 200, 500, 1000, 2000, 2000, 2000));
        endpointConfigurator.UseInMemoryOutbox(context);
        sagaConfigurator.Message<RunJob>(m => m.UseOperationClaims(context));
        sagaConfigurator.Message<CancelJob>(m => m.UseOperationClaims(context));
    }
}
