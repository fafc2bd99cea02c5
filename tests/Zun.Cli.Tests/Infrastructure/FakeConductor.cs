using System.Collections.Concurrent;
using MassTransit;
using Zun.Contracts;
using Zun.Hosting;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Cli.Tests.Infrastructure;

/// <summary>
/// A stand-in for the conductor and a worker, on a virtual host of its own on the real RabbitMQ, for
/// the commands and queries the real worker does not carry out yet (restart, pause, unpause, update,
/// commit, rebuild, exec, logs, top, stats). It records every message exactly as it arrived from
/// the wire, knows one container, answers queries with canned results, and completes every command.
/// </summary>
public sealed class FakeConductor : IAsyncDisposable
{
    private readonly string _virtualHost;
    private readonly IBusControl _bus;

    private FakeConductor(string virtualHost, string rabbitUrl, IBusControl bus)
    {
        _virtualHost = virtualHost;
        RabbitUrl = rabbitUrl;
        _bus = bus;
    }

    public string RabbitUrl { get; }

    /// <summary>The one container this fake knows.</summary>
    public static ContainerInfo Container { get; } = new()
    {
        ContainerId = Guid.Parse("0f1e2d3c-4b5a-4697-8877-665544332211"),
        Name = "fake-web",
        Image = "127.0.0.1:5000/busybox:latest",
        Status = ContainerStatus.Running,
        Host = "fake-host",
    };

    /// <summary>Everything received, in order.</summary>
    public ConcurrentQueue<object> Received { get; } = new();

    public static async Task<FakeConductor> StartAsync()
    {
        var name = $"zun-fake-{Guid.NewGuid():N}"[..22];
        var rabbitUrl = (await TestBroker.CreateVirtualHostAsync(name)).ClientUrl;
        FakeConductor? fake = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.UseZunRabbitMqHost(new RabbitMqOptions { Url = rabbitUrl });
            cfg.ReceiveEndpoint("fake-conductor", e =>
            {
                e.Handler<ListContainers>(c => Record(c, c.RespondAsync(new ContainerList
                {
                    Containers = c.Message.Name is null || c.Message.Name == Container.Name ? [Container] : [],
                })));
                e.Handler<GetContainer>(c => Record(c, c.Message.ContainerId == Container.ContainerId
                    ? c.RespondAsync(Container)
                    : c.RespondAsync(new ContainerNotFound { ContainerId = c.Message.ContainerId })));
                e.Handler<ExecInContainer>(c => Record(c, c.Message.Command.FirstOrDefault() == "refuse"
                    ? c.RespondAsync(new RequestRejected { ContainerId = c.Message.ContainerId, Reason = "cannot execute in a container in status Stopped" })
                    : c.RespondAsync(new ExecResult
                    {
                        ContainerId = c.Message.ContainerId,
                        Output = $"ran: {string.Join(' ', c.Message.Command)}\n",
                        ExitCode = c.Message.Command.Contains("exit3") ? 3 : 0,
                    })));
                e.Handler<GetContainerLogs>(c => Record(c, c.RespondAsync(new ContainerLogs
                {
                    ContainerId = c.Message.ContainerId,
                    Output = Logs(c.Message),
                })));
                e.Handler<GetContainerTop>(c => Record(c, c.RespondAsync(new ContainerTop
                {
                    ContainerId = c.Message.ContainerId,
                    Titles = ["PID", "CMD"],
                    Processes = [["1", "sleep 300"], ["7", "sh"]],
                })));
                e.Handler<GetContainerStats>(c => Record(c, c.RespondAsync(new ContainerStats
                {
                    ContainerId = c.Message.ContainerId,
                    CpuPercent = 12.5,
                    MemoryUsageBytes = 3 << 20,
                    MemoryLimitBytes = 64 << 20,
                    Pids = 2,
                    Timestamp = DateTimeOffset.UtcNow,
                })));

                Command<CreateContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Create, m.Run ? ContainerStatus.Running : ContainerStatus.Created));
                Command<StartContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Start, ContainerStatus.Running));
                Command<StopContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Stop, ContainerStatus.Stopped));
                Command<RestartContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Restart, ContainerStatus.Running));
                Command<PauseContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Pause, ContainerStatus.Paused));
                Command<UnpauseContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Unpause, ContainerStatus.Running));
                Command<KillContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Kill, ContainerStatus.Stopped));
                Command<DeleteContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Delete, ContainerStatus.Deleted));
                Command<UpdateContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Update, ContainerStatus.Running));
                Command<RenameContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Rename, ContainerStatus.Running));
                Command<CommitContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Commit, ContainerStatus.Running));
                Command<RebuildContainer>(e, m => (m.OperationId, m.ContainerId, ContainerAction.Rebuild, ContainerStatus.Running));
            });
        });

        await bus.StartAsync();
        fake = new FakeConductor(name, rabbitUrl, bus);
        return fake;

        Task Record<T>(ConsumeContext<T> context, Task respond)
            where T : class
        {
            fake!.Received.Enqueue(context.Message);
            return respond;
        }

        void Command<T>(IReceiveEndpointConfigurator e, Func<T, (Guid OperationId, Guid ContainerId, ContainerAction Action, ContainerStatus Status)> describe)
            where T : class =>
            e.Handler<T>(async c =>
            {
                fake!.Received.Enqueue(c.Message);
                var (operationId, containerId, action, status) = describe(c.Message);
                var now = DateTimeOffset.UtcNow;
                await c.Publish(new OperationAccepted { OperationId = operationId, ContainerId = containerId, Action = action, Timestamp = now });
                await c.Publish(new ContainerStatusChanged { ContainerId = containerId, Status = status, OperationId = operationId, Host = "fake-host", Timestamp = now });
                await c.Publish(new OperationCompleted
                {
                    OperationId = operationId, ContainerId = containerId, Action = action, Status = status, Host = "fake-host", Timestamp = now,
                });
            });
    }

    /// <summary>The fake container's log: five lines, one a second from 2026-01-01T00:00:01Z, filtered as Docker filters.</summary>
    public static string Logs(GetContainerLogs request)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(1, 5)
            .Select(i => (Time: start.AddSeconds(i).AddTicks(1234567), Text: $"line {i}"))
            .Where(l => request.Since is null || l.Time >= request.Since)
            .ToList();
        if (request.Tail is { } tail)
            lines = lines.TakeLast(tail).ToList();
        return string.Concat(lines.Select(l => request.Timestamps ? $"{l.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffff}00Z {l.Text}\n" : $"{l.Text}\n"));
    }

    /// <summary>The one message of type <typeparamref name="T"/> received, waiting for it to arrive.</summary>
    public async Task<T> ReceivedOne<T>(Func<T, bool>? match = null)
    {
        var limit = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < limit)
        {
            var found = Received.OfType<T>().Where(m => match?.Invoke(m) ?? true).ToList();
            if (found.Count > 0)
                return Assert.Single(found);
            await Task.Delay(50);
        }

        throw new TimeoutException($"the fake conductor received no {typeof(T).Name}");
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        await TestBroker.DeleteVirtualHostAsync(_virtualHost);
    }
}
