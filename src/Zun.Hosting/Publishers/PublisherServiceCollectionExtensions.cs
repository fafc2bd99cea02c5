using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Zun.Hosting.Publishers;

/// <summary>The publisher policy of a process that consumes messages from other Zun processes and clients.</summary>
public static class PublisherServiceCollectionExtensions
{
    /// <summary>Binds <c>Zun:Policy</c>'s publisher settings (validated at start) and counts refusals on the meter <paramref name="meterName"/>.</summary>
    public static IServiceCollection AddZunPublisherPolicy(this IServiceCollection services, string meterName)
    {
        services.AddOptions<PublisherOptions>().BindConfiguration(PublisherOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublisherOptions>, PublisherOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PublisherPolicy>();
        services.AddSingleton(sp => new UntrustedMessages(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), meterName,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<UntrustedMessages>>()));
        return services;
    }
}
