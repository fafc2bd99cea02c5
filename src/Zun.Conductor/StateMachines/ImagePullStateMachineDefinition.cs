using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Admission;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Contracts;
using Zun.Hosting;

namespace Zun.Conductor.StateMachines;

/// <summary>The image pulls' endpoint.</summary>
internal sealed class ImagePullStateMachineDefinition : SagaDefinition<ImagePull>
{
    private readonly ConductorOptions _options;

    public ImagePullStateMachineDefinition(IOptions<ConductorOptions> options)
    {
        _options = options.Value;
        Endpoint(e => e.Name = $"{_options.Endpoint}-images");
        ConcurrentMessageLimit = _options.ConcurrencyLimit;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<ImagePull> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseCommandAdmission(context);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
        endpointConfigurator.UseInMemoryOutbox(context);

        var partition = endpointConfigurator.CreatePartitioner(_options.ConcurrencyLimit);
        sagaConfigurator.Message<PullImage>(m =>
        {
            m.UsePartitioner(partition, c => c.Message.OperationId);
            m.UseOperationClaims(context);
        });
        sagaConfigurator.Message<ImagePulled>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
        sagaConfigurator.Message<ImagePullFailed>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
        sagaConfigurator.Message<OperationDeadlineExpired>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
    }
}
