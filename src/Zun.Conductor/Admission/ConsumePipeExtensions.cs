using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Zun.Conductor.Admission;

/// <summary>Filters that must see a message before MassTransit reads it as any type.</summary>
internal static class ConsumePipeExtensions
{
    /// <summary>Reads clients' commands strictly before anything else on the endpoint, and refuses them there when they cannot be.</summary>
    public static void UseCommandAdmission(this IReceiveEndpointConfigurator endpoint, IServiceProvider services) =>
        endpoint.UseFilterBeforeReading(new CommandAdmissionFilter(services.GetRequiredService<CommandRefusals>()));

    /// <summary>
    /// Adds <paramref name="filter"/> ahead of the split by message type. A filter added with <c>UseFilter</c> runs within
    /// each message type's pipe, after MassTransit has read the message as that type, which is too late for a filter
    /// whose point is to read it first.
    /// </summary>
    public static void UseFilterBeforeReading(this IConsumePipeConfigurator configurator, IFilter<ConsumeContext> filter) =>
        configurator.AddPrePipeSpecification(new FilterSpecification(filter));

    private sealed class FilterSpecification(IFilter<ConsumeContext> filter) : IPipeSpecification<ConsumeContext>
    {
        public void Apply(IPipeBuilder<ConsumeContext> builder) => builder.AddFilter(filter);

        public IEnumerable<ValidationResult> Validate() => [];
    }
}
