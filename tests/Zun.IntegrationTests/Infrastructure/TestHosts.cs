using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zun.Conductor;
using Zun.Contracts;
using Zun.Hosting;
using Zun.Worker;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>Builds the real conductor, worker and a client as in-process hosts, configured as operators configure them.</summary>
internal static class TestHosts
{
    private static readonly Type[] ObservedEvents =
    [
        typeof(OperationAccepted), typeof(OperationDispatched), typeof(OperationRejected), typeof(OperationCompleted),
        typeof(OperationFailed), typeof(OperationTimedOut), typeof(ContainerStatusChanged), typeof(ImagePulled), typeof(ImagePullFailed),
        typeof(JobAccepted), typeof(JobStarted), typeof(JobAttemptFailed), typeof(JobSucceeded), typeof(JobFailed), typeof(JobTimedOut),
        typeof(JobCancelled),
    ];

    /// <summary>A conductor whose store is the SQLite file <paramref name="storePath"/>.</summary>
    public static IHost Conductor(string rabbitUrl, string storePath, IDictionary<string, string?>? settings = null) =>
        Build(rabbitUrl, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Zun:Store:Sqlite:Path"] = storePath,
        }, b => b.AddZunConductor());

    public static IHost Worker(string rabbitUrl, string host, IDictionary<string, string?>? settings = null) =>
        Build(rabbitUrl, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Zun:Worker:Host"] = host,
            ["Zun:Worker:HeartbeatIntervalSeconds"] = "1",
        }, b => b.AddZunWorker());

    /// <summary>A client that publishes commands, sends queries and records every event Zun publishes.</summary>
    public static IHost Client(string rabbitUrl, EventLog events) =>
        Build(rabbitUrl, null, b =>
        {
            b.Services.AddSingleton(events);
            b.Services.AddZunBus(x =>
            {
                foreach (var type in ObservedEvents)
                {
                    x.AddConsumer(typeof(RecordingConsumer<>).MakeGenericType(type)).Endpoint(e =>
                    {
                        e.Name = "zun-test-observer";
                        e.InstanceId = Guid.NewGuid().ToString("N")[..8];
                        e.Temporary = true;
                    });
                }

                x.AddRequestClient<GetContainer>();
                x.AddRequestClient<GetOperation>();
                x.AddRequestClient<ListHosts>();
                x.AddRequestClient<ListContainers>();
                x.AddRequestClient<ExecInContainer>();
                x.AddRequestClient<GetContainerLogs>();
                x.AddRequestClient<GetJob>();
                x.AddRequestClient<GetContainerTop>();
                x.AddRequestClient<GetContainerStats>();
                x.AddRequestClient<GetArchive>();
                x.AddRequestClient<PutArchive>();
            });
        });

    private static IHost Build(string rabbitUrl, IDictionary<string, string?>? settings, Action<HostApplicationBuilder> add)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zun:RabbitMq:Url"] = rabbitUrl,
            ["Zun:Conductor:WorkerLivenessSeconds"] = "5",

            // The tests' busybox sleep is PID 1 and ignores SIGTERM: every stop without a timeout of its own would wait
            // Docker's whole grace before the SIGKILL that ends it anyway.
            ["Zun:Worker:DefaultStopTimeoutSeconds"] = "1",

            // Tests that do not test capacity run dozens of containers claiming the default 1 cpu and 512 MiB on this
            // machine's worker; upstream's ratios would hold 32 on two cores. The fleet tests set their own.
            ["Zun:Scheduler:CpuAllocationRatio"] = "64",
            ["Zun:Scheduler:RamAllocationRatio"] = "16",

            // The same tests share a project or two across a whole run: upstream's 20 cores per project would refuse them.
            // The quota tests set limits of their own projects, as an operator does.
            ["Zun:Quota:Containers"] = "-1",
            ["Zun:Quota:Cpu"] = "-1",
            ["Zun:Quota:MemoryMb"] = "-1",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);

        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        add(builder);
        return builder.Build();
    }
}
