using Microsoft.Extensions.DependencyInjection;

namespace Zun.Hosting;

/// <summary>The readiness file for a process that runs no bus of its own through <see cref="ZunBusExtensions.AddZunBus"/> (zun-api).</summary>
public static class ReadinessServiceCollectionExtensions
{
    /// <summary>Writes <c>Zun:Readiness:File</c> once every hosted service has started, and deletes it on stop.</summary>
    public static IServiceCollection AddZunReadinessFile(this IServiceCollection services)
    {
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section);
        services.AddHostedService<ReadinessFileWriter>();
        return services;
    }
}
