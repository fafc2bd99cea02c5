using System.Text.Json;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests.Interop;

/// <summary>
/// Zun used without MassTransit: plain-JSON commands from Python's pika and from RabbitMQ.Client,
/// and notifications heard by an unmodified oslo.messaging listener and by a raw AMQP consumer.
/// Each test runs a Zun of its own, so its notification exchange carries only its own notifications.
/// </summary>
public sealed class OpenStackInteropTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_plain_json_create_from_pika_runs_and_an_oslo_listener_hears_its_start_and_end()
    {
        await using var system = await ZunTestSystem.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var listener = await StartOsloListener(system);
        var operationId = Guid.NewGuid();
        var containerId = Guid.NewGuid();
        var body = $$"""
            {"operationId": "{{operationId}}", "containerId": "{{containerId}}", "image": "{{ZunTestSystem.BusyboxImage}}",
             "command": ["sleep", "300"], "name": "from-pika", "run": true, "projectId": "p1", "userId": "u1"}
            """;

        await PythonScript.Run("publish_command.py", system.RabbitUrl, "CreateContainer", body);

        var start = Notification(await listener.WaitForLine(Is("container.create.start", containerId), Timeout));
        var end = Notification(await listener.WaitForLine(Is("container.create.end", containerId), Timeout));
        Assert.Equal("INFO", end.GetProperty("priority").GetString());
        Assert.StartsWith("zun.conductor.", end.GetProperty("publisher_id").GetString(), StringComparison.Ordinal);
        var payload = end.GetProperty("payload");
        Assert.Equal("Running", payload.GetProperty("status").GetString());
        Assert.Equal("from-pika", payload.GetProperty("name").GetString());
        Assert.Equal(ZunTestSystem.BusyboxImage, payload.GetProperty("image").GetString());
        Assert.Equal(system.WorkerHost, payload.GetProperty("host").GetString());
        Assert.Equal(operationId.ToString(), payload.GetProperty("operation_id").GetString());
        Assert.Equal(("p1", "u1"), (payload.GetProperty("project_id").GetString(), payload.GetProperty("user_id").GetString()));
        Assert.Equal("Creating", start.GetProperty("payload").GetProperty("status").GetString());
        Assert.True((await system.InspectInDocker(containerId))!.State!.Running);
    }

    [Fact]
    public async Task A_rejected_command_reaches_oslo_listeners_as_an_error_notification()
    {
        await using var system = await ZunTestSystem.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var listener = await StartOsloListener(system);
        var containerId = await system.RunContainer();

        await PythonScript.Run("publish_command.py", system.RabbitUrl, "StartContainer",
            $$"""{"operationId": "{{Guid.NewGuid()}}", "containerId": "{{containerId}}"}""");

        var error = Notification(await listener.WaitForLine(Is("container.start.error", containerId), Timeout));
        Assert.Equal("ERROR", error.GetProperty("priority").GetString());
        Assert.Contains("Running", error.GetProperty("payload").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_parked_in_the_error_queue_reported_in_an_error_notification_and_the_service_keeps_going()
    {
        await using var system = await ZunTestSystem.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var listener = await StartOsloListener(system);

        await PythonScript.Run("publish_command.py", system.RabbitUrl, "CreateContainer", """{"operationId": "not-a-uuid", "image": """);
        await PythonScript.Run("publish_command.py", system.RabbitUrl, "LaunchRocket", """{"operationId": "1"}""");

        // The two are reported independently and may arrive in either order.
        var errors = new[]
        {
            Notification(await listener.WaitForLine(l => l.Contains("command.error", StringComparison.Ordinal), Timeout)),
            Notification(await listener.WaitForLine(l => l.Contains("command.error", StringComparison.Ordinal), Timeout)),
        };
        Assert.All(errors, e => Assert.Equal("ERROR", e.GetProperty("priority").GetString()));
        var problems = errors.Select(e => e.GetProperty("payload").GetProperty("problem").GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("CreateContainer: the body is not JSON", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("unknown command 'LaunchRocket'", StringComparison.Ordinal));
        await WaitForQueueDepth(system, "zun-conductor-json_error", 2);
        var containerId = await system.RunContainer();
        Assert.True((await system.InspectInDocker(containerId))!.State!.Running);
    }

    [Fact]
    public async Task An_exec_is_notified_as_container_exec_start_and_end_with_the_commands_exit_code()
    {
        await using var system = await ZunTestSystem.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var listener = await StartOsloListener(system);
        var containerId = await system.RunContainer();
        var operationId = Guid.NewGuid();

        var result = await system.Ask<ExecInContainer, ExecResult>(new ExecInContainer
        {
            OperationId = operationId,
            ContainerId = containerId,
            Command = ["sh", "-c", "exit 4"],
        });

        Assert.Equal(4, result.ExitCode);
        Notification(await listener.WaitForLine(Is("container.exec.start", containerId), Timeout));
        var end = Notification(await listener.WaitForLine(Is("container.exec.end", containerId), Timeout));
        Assert.Equal(4, end.GetProperty("payload").GetProperty("exit_code").GetInt32());
        Assert.Equal(operationId.ToString(), end.GetProperty("payload").GetProperty("operation_id").GetString());
    }

    [Fact]
    public async Task A_raw_amqp_client_commands_zun_and_reads_the_notifications_without_masstransit()
    {
        await using var system = await ZunTestSystem.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var containerId = await system.RunContainer();
        await using var client = await RawAmqpClient.ConnectAsync(system);
        var operationId = Guid.NewGuid();

        await client.PublishPlainJson("KillContainer", $$"""{"operationId": "{{operationId}}", "containerId": "{{containerId}}", "signal": "SIGKILL"}""");

        var end = await client.Notification(n => n.GetProperty("event_type").GetString() == "container.kill.end"
            && n.GetProperty("payload").GetProperty("operation_id").GetString() == operationId.ToString());
        Assert.Equal("Stopped", end.GetProperty("payload").GetProperty("status").GetString());
        Assert.Equal(137, end.GetProperty("payload").GetProperty("exit_code").GetInt32());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$", end.GetProperty("timestamp").GetString());
    }

    private static async Task<PythonScript> StartOsloListener(ZunTestSystem system)
    {
        var transportUrl = new UriBuilder(system.RabbitUrl) { Scheme = "rabbit", Port = new Uri(system.RabbitUrl).Port }.Uri.ToString();
        var listener = PythonScript.Start("oslo_listener.py", transportUrl, "zun");
        await listener.WaitForLine(l => l == "READY", Timeout);

        // oslo declares its queues from its own thread; what is published before they exist is lost.
        foreach (var queue in new[] { "notifications.info", "notifications.error" })
        {
            using var deadline = new CancellationTokenSource(Timeout);
            while (await TestBroker.QueueDepthAsync(system.VirtualHost, queue) is null)
                await Task.Delay(100, deadline.Token);
        }

        return listener;
    }

    private static Func<string, bool> Is(string eventType, Guid containerId) =>
        line => line.Contains($"\"{eventType}\"", StringComparison.Ordinal) && line.Contains(containerId.ToString(), StringComparison.Ordinal);

    private static JsonElement Notification(string line) => JsonDocument.Parse(line).RootElement;

    /// <summary>The management API's counts lag by a few seconds; ask until the queue holds what is expected.</summary>
    private static async Task WaitForQueueDepth(ZunTestSystem system, string queue, int expected)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        int? depth = null;
        while (!deadline.IsCancellationRequested)
        {
            depth = await TestBroker.QueueDepthAsync(system.VirtualHost, queue);
            if (depth >= expected)
                return;

            await Task.Delay(500, CancellationToken.None);
        }

        Assert.Fail($"{queue} holds {depth?.ToString() ?? "nothing"}, expected {expected}");
    }
}
