using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Zun.Api.Containers;
using Zun.Api.Hosts;
using Zun.Api.Images;
using Zun.Api.Identity;
using Zun.Api.Messaging;
using Zun.Api.Options;
using Zun.Api.Policy;
using Zun.Api.Quotas;
using Zun.Api.Requests;
using Zun.Api.Root;
using Zun.Hosting;

namespace Zun.Api;

/// <summary>Wiring of the API process.</summary>
public static partial class ApiServiceCollectionExtensions
{
    /// <summary>Adds the API: its options, the caller's identity, and its connection to Zun's message core.</summary>
    public static WebApplicationBuilder AddZunApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RabbitMqOptions>, RabbitMqOptionsValidator>();

        // Registered ahead of the web server's own hosted service, so the API listens only once the bus is connected.
        services.AddSingleton<ZunConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<ZunConnection>());
        services.AddSingleton<CommandGateway>();
        services.AddSingleton<ContainerLookup>();
        services.AddSingleton<PolicyEnforcer>();
        AddIdentity(services, builder.Configuration);
        // Written once the bus is connected and the server listens: what deploy/local/up.sh waits for.
        services.AddZunReadinessFile();

        // The API bounds each body itself, by its kind, and answers 413 naming the setting: the server's own bound must not come first.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>(
            (kestrel, api) => kestrel.Limits.MaxRequestBodySize = Math.Max(api.Value.MaxBodyBytes, api.Value.MaxArchiveBodyBytes));

        var listen = builder.Configuration[$"{ApiOptions.Section}:Listen"] ?? new ApiOptions().Listen;
        builder.WebHost.UseUrls(listen);
        return builder;
    }

    private static void AddIdentity(IServiceCollection services, ConfigurationManager configuration)
    {
        if (!new ApiOptions { Auth = configuration[$"{ApiOptions.Section}:Auth"] ?? ApiAuthModes.NoAuth }.IsKeystone())
        {
            services.AddSingleton<IRequestIdentitySource, NoAuthIdentitySource>();
            return;
        }

        // The client's own request logging is off: nothing about a call to Keystone is worth a line next to tokens.
        services.AddHttpClient(KeystoneClient.HttpClientName).RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeystoneClient>();
        services.AddSingleton<KeystoneTokenCache>();
        services.AddSingleton<IRequestIdentitySource, KeystoneIdentitySource>();
    }

    /// <summary>Maps every endpoint behind the one request pipeline (request id, microversion, identity, errors).</summary>
    public static WebApplication MapZunApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        if (options.IsKeystone())
            LogKeystone(app.Logger, options.Keystone.BaseUrl, options.Keystone.Username!, options.Keystone.TokenCacheSeconds);
        else
            LogNoAuth(app.Logger, options.NoAuth.ProjectId);

        // Read now, so that a policy file that does not parse stops the process before it listens.
        app.Services.GetRequiredService<PolicyEnforcer>();

        app.UseMiddleware<ApiRequestMiddleware>();
        app.UseRouting();
        RootEndpoints.Map(app);
        var v1 = app.MapGroup("/v1");
        ContainerEndpoints.Map(v1);
        HostEndpoints.Map(v1);
        ServiceEndpoints.Map(v1);
        ImageEndpoints.Map(v1);
        QuotaEndpoints.Map(v1);
        QuotaClassEndpoints.Map(v1);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "NOTHING IS AUTHENTICATED: Zun:Api:Auth is noauth. Any caller that reaches this API acts for the project in X-Project-Id, " +
        "or for project '{ProjectId}' with the admin role. Use it on one machine only.")]
    private static partial void LogNoAuth(ILogger logger, string projectId);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Tokens are validated against Keystone at {Url} as user '{Username}'; a valid token is trusted for up to {CacheSeconds} s")]
    private static partial void LogKeystone(ILogger logger, string url, string username, int cacheSeconds);
}
