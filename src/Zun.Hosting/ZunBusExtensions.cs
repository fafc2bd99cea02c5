using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Hosting.Moves;

namespace Zun.Hosting;

/// <summary>The bus as both Zun processes run it: RabbitMQ, confirmed publishes, bound before ready.</summary>
public static class ZunBusExtensions
{
    /// <summary>
    /// Registers MassTransit on RabbitMQ with Zun's settings. <paramref name="configureRegistrations"/>
    /// adds consumers and sagas; <paramref name="configureBus"/> adds endpoints that are not conventional.
    /// </summary>
    public static IServiceCollection AddZunBus(
        this IServiceCollection services,
        Action<IBusRegistrationConfigurator> configureRegistrations,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RabbitMqOptions>, RabbitMqOptionsValidator>();
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section);
        services.AddHostedService<ReadinessFileWriter>();

        // Without WaitUntilStarted the host reports started before endpoints bind their exchanges,
        // and RabbitMQ silently drops what is published in that window.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            configureRegistrations(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.UseZunRabbitMqHost(options);
                cfg.PrefetchCount = options.PrefetchCount;
                configureBus?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }

    /// <summary>Declares a durable receive queue the way Zun's settings ask (quorum or classic).</summary>
    public static void ApplyQueueSettings(this IReceiveEndpointConfigurator endpoint, IServiceProvider services)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit
            && services.GetRequiredService<IOptions<RabbitMqOptions>>().Value.QuorumQueues)
        {
            rabbit.SetQuorumQueue();
        }
    }

    /// <summary>
    /// Connects a bus to the broker named by <see cref="RabbitMqOptions.Url"/>, or to the cluster of
    /// <see cref="RabbitMqOptions.Hosts"/> (credentials and virtual host from the URL, TLS for <c>amqps</c>) with publisher confirmation and Zun's message topology, as every Zun process
    /// and client does.
    /// </summary>
    public static void UseZunRabbitMqHost(this IRabbitMqBusFactoryConfigurator cfg, RabbitMqOptions options)
    {
        var url = options.ParsedUrl;
        var virtualHost = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        var port = url.IsDefaultPort || url.Port <= 0 ? (options.UsesTls ? 5671 : 5672) : url.Port;
        var credentials = url.UserInfo.Split(':', 2);
        var user = options.UserName();

        cfg.Host(url.Host, (ushort)port, virtualHost.Length == 0 ? "/" : virtualHost, h =>
        {
            h.Username(user);
            if (credentials.Length > 1)
                h.Password(Uri.UnescapeDataString(credentials[1]));
            if (options.UsesTls)
                h.UseSsl(s => s.Protocol = System.Security.Authentication.SslProtocols.Tls12);
            h.PublisherConfirmation = true;
            h.Heartbeat(TimeSpan.FromSeconds(10));

            // MassTransit then connects to one node after another, moving on whenever a connection fails or is lost.
            if (options.Hosts.Count > 0)
            {
                h.UseCluster(c =>
                {
                    foreach (var node in options.Nodes())
                        c.Node(node.ToString());
                });
            }
        });

        // The commands' shared interfaces are a convenience of the contracts, not messages: without this, publishing
        // any command would also declare and bind an exchange for each of them.
        cfg.Publish<IZunCommand>(p => p.Exclude = true);
        cfg.Publish<IContainerCommand>(p => p.Exclude = true);
        cfg.Publish<ICallerScope>(p => p.Exclude = true);

        // Consumers know who published by the AMQP user_id, which RabbitMQ refuses unless it names the connection's user.
        cfg.ConfigureSend(s => s.UseSendExecute(c => StampUserId(c, user)));
        cfg.ConfigurePublish(p => p.UseExecute(c => StampUserId(c, user)));
        cfg.ConnectEndpointConfigurationObserver(new MovesAsTransportUser());
    }

    private static void StampUserId(SendContext context, string user)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            rabbit.BasicProperties.UserId = user;
    }
}
