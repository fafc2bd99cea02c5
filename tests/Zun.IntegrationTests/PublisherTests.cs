using System.Text;
using System.Text.Json;
using MassTransit;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using Zun.Testing;

namespace Zun.IntegrationTests;

/// <summary>
/// On the bus, Zun acts on what a publisher may send by the AMQP user_id RabbitMQ validated: a client can neither forge
/// a host's reports nor send a worker work, and a project's publisher acts for its project only.
/// </summary>
public sealed class PublisherTests(GuardedZun zun) : IClassFixture<GuardedZun>
{
    private const ushort AccessRefused = 403;
    private const ushort PreconditionFailed = 406;

    private ZunTestSystem System => zun.System;

    /// <summary>Who forges: the clients' own user (guest, as services.sh leaves it), a broker user Zun does not know, or one that sets no user_id.</summary>
    public static TheoryData<string> Forgers => ["guest", "stranger", "no user_id"];

    [Fact]
    public async Task RabbitMQ_closes_the_channel_of_a_publisher_whose_user_id_is_another_users()
    {
        await using var client = await RawAmqpClient.ConnectAsync(System, await zun.StrangerUrl("liar"));

        await Assert.ThrowsAnyAsync<Exception>(() => client.PublishPlainJson("StartContainer", "{}", userId: TestVirtualHost.UserName(System.VirtualHost, "service")));

        Assert.Equal(PreconditionFailed, client.ClosedWith);
    }

    [Theory]
    [MemberData(nameof(Forgers))]
    public async Task A_vanished_ContainerObserved_forged_by_a_client_leaves_the_container_Running(string forger)
    {
        var containerId = await System.RunContainer();
        using var refusals = new UntrustedMessageListener(System.Conductor);
        var observed = $$"""
            {"containerId": "{{containerId}}", "host": "{{System.WorkerHost}}", "event": "destroy", "vanished": true, "observedAt": "{{DateTimeOffset.UtcNow.AddMinutes(1):O}}"}
            """;

        await Forge(forger, refusals, "ContainerObserved",
            (client, userId) => client.PublishEnvelope("Zun.Contracts.Hosts:ContainerObserved", "Zun.Contracts.Hosts:ContainerObserved", observed, userId));

        Assert.Equal(ContainerStatus.Running, (await System.Info(containerId)).Status);
        Assert.True((await System.InspectInDocker(containerId))!.State!.Running);
    }

    [Theory]
    [MemberData(nameof(Forgers))]
    public async Task A_RemoveOrphanContainer_sent_by_a_client_to_a_worker_leaves_the_container_running(string forger)
    {
        var containerId = await System.RunContainer();
        using var refusals = new UntrustedMessageListener(System.Worker!);
        var orphan = $$"""{"containerId": "{{containerId}}", "host": "{{System.WorkerHost}}", "reason": "forged"}""";

        await Forge(forger, refusals, "RemoveOrphanContainer",
            (client, userId) => client.PublishEnvelope($"zun-worker-{System.WorkerHost}", "Zun.Contracts.Hosts:RemoveOrphanContainer", orphan, userId));

        Assert.True((await System.InspectInDocker(containerId))!.State!.Running);
        Assert.Equal(ContainerStatus.Running, (await System.Info(containerId)).Status);
    }

    [Theory]
    [InlineData("project-b", false, "claims project 'project-b'")]
    [InlineData(null, false, "names no project")]
    [InlineData(GuardedZun.Project, true, "asks for all projects")]
    public async Task A_project_publishers_command_for_another_scope_is_rejected_saying_so(string? projectId, bool allProjects, string says)
    {
        var create = ZunTestSystem.NewCreate() with { ProjectId = projectId, AllProjects = allProjects };
        await using var project = await PublisherBus.StartAsync(System.UserUrl(GuardedZun.ProjectUser));

        await project.Bus.Publish(create, TestContext.Current.CancellationToken);

        var rejected = Assert.IsType<OperationRejected>(await System.Events.Outcome(create.OperationId));
        Assert.Contains($"may act only for project '{GuardedZun.Project}'", rejected.Reason);
        Assert.Contains(says, rejected.Reason);
        Assert.Null(await System.InspectInDocker(create.ContainerId));
    }

    [Fact]
    public async Task A_project_publishers_command_on_another_projects_container_is_rejected_as_not_found()
    {
        var containerId = await System.RunContainer();
        await using var project = await PublisherBus.StartAsync(System.UserUrl(GuardedZun.ProjectUser));
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, ProjectId = GuardedZun.Project };

        await project.Bus.Publish(stop, TestContext.Current.CancellationToken);

        var rejected = Assert.IsType<OperationRejected>(await System.Events.Outcome(stop.OperationId));
        Assert.Equal($"container {containerId} not found", rejected.Reason);
        Assert.True((await System.InspectInDocker(containerId))!.State!.Running);
        Assert.Equal(ContainerStatus.Running, (await System.Info(containerId)).Status);
    }

    [Fact]
    public async Task A_project_publishers_query_claiming_another_project_is_answered_RequestRejected()
    {
        var containerId = await System.RunContainer();
        await using var project = await PublisherBus.StartAsync(System.UserUrl(GuardedZun.ProjectUser));

        var answer = await project.Bus.CreateRequestClient<GetContainer>().GetResponse<ContainerInfo, ContainerNotFound, RequestRejected>(
            new GetContainer { ContainerId = containerId, ProjectId = "project-b" }, TestContext.Current.CancellationToken);

        Assert.True(answer.Is(out Response<RequestRejected>? rejected), $"answered {answer.Message.GetType().Name}");
        Assert.Contains("claims project 'project-b'", rejected.Message.Reason);
    }

    [Fact]
    public async Task A_project_publishers_command_for_its_own_project_is_accepted()
    {
        var create = ZunTestSystem.NewCreate() with { ProjectId = GuardedZun.Project };
        await using var project = await PublisherBus.StartAsync(System.UserUrl(GuardedZun.ProjectUser));

        await project.Bus.Publish(create, TestContext.Current.CancellationToken);

        Assert.Equal(ContainerStatus.Running, Assert.IsType<OperationCompleted>(await System.Events.Outcome(create.OperationId)).Status);
    }

    [Fact]
    public async Task A_service_publishers_command_for_any_project_is_accepted()
    {
        var create = ZunTestSystem.NewCreate() with { ProjectId = "project-b" };
        await using var service = await PublisherBus.StartAsync(System.UserUrl(GuardedZun.ServiceUser));

        await service.Bus.Publish(create, TestContext.Current.CancellationToken);

        Assert.Equal(ContainerStatus.Running, Assert.IsType<OperationCompleted>(await System.Events.Outcome(create.OperationId)).Status);
    }

    [Fact]
    public async Task A_plain_JSON_command_of_a_broker_user_Zun_does_not_know_is_rejected_naming_the_user()
    {
        var stranger = await zun.StrangerUrl("json");
        await using var client = await RawAmqpClient.ConnectAsync(System, stranger);
        var operationId = Guid.NewGuid();

        await client.PublishPlainJson("CreateContainer", $$"""
            {"operationId": "{{operationId}}", "containerId": "{{Guid.NewGuid()}}", "image": "{{ZunTestSystem.BusyboxImage}}", "projectId": "p"}
            """, userId: new Uri(stranger).UserInfo.Split(':')[0]);

        var rejected = Assert.IsType<OperationRejected>(await System.Events.Outcome(operationId));
        Assert.Contains($"broker user '{TestVirtualHost.UserName(System.VirtualHost, "json")}' is unknown to Zun's policy", rejected.Reason);
    }

    [Fact]
    public async Task With_UnidentifiedPublisher_reject_a_command_that_sets_no_user_id_is_rejected_saying_so()
    {
        await using var strict = await ZunTestSystem.StartAsync(
            withWorker: false, conductorSettings: new Dictionary<string, string?> { ["Zun:Policy:UnidentifiedPublisher"] = "reject" },
            cancellationToken: TestContext.Current.CancellationToken);
        await using var client = await RawAmqpClient.ConnectAsync(strict);
        var create = ZunTestSystem.NewCreate();

        await client.PublishEnvelope("CreateContainer", JsonSerializer.Serialize(create, JsonSerializerOptions.Web));

        var rejected = Assert.IsType<OperationRejected>(await strict.Events.Outcome(create.OperationId));
        Assert.Equal("a publisher that set no AMQP user_id, and Zun:Policy:UnidentifiedPublisher is reject", rejected.Reason);
    }

    [Fact]
    public async Task An_envelope_a_client_published_that_is_not_JSON_is_parked_by_the_conductors_own_user_naming_the_publisher()
    {
        await using var client = await RawAmqpClient.ConnectAsync(System);
        var guest = Uri.UnescapeDataString(new Uri(System.RabbitUrl).UserInfo.Split(':')[0]);

        var messageId = await client.PublishAsEnvelope(nameof(StartContainer), "{not json", userId: guest);

        await using var reader = await RawAmqpClient.ConnectAsync(System, await zun.StrangerUrl("reader"));
        var parked = await reader.Parked("zun-conductor_error", messageId);
        Assert.Null(parked.UserId);
        Assert.Equal(guest, Encoding.UTF8.GetString((byte[])parked.Headers!["zun-published-by"]!));
        var error = await client.CommandError(messageId);
        Assert.StartsWith("StartContainer: the envelope is not JSON", error.GetProperty("payload").GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(ContainerStatus.Running, (await System.Info(await System.RunContainer())).Status);
    }

    [Fact]
    public async Task A_message_a_worker_has_no_consumer_for_is_set_aside_by_its_own_user_naming_the_publisher()
    {
        var serviceUrl = System.UserUrl(GuardedZun.ServiceUser);
        await using var service = await RawAmqpClient.ConnectAsync(System, serviceUrl);
        var publisher = Uri.UnescapeDataString(new Uri(serviceUrl).UserInfo.Split(':')[0]);
        var worker = $"zun-worker-{System.WorkerHost}";

        var messageId = await service.PublishEnvelope(worker, "Zun.Contracts.Hosts:NoSuchWork", "{}", publisher);

        await using var reader = await RawAmqpClient.ConnectAsync(System, await zun.StrangerUrl("skipped"));
        var skipped = await reader.Parked($"{worker}_skipped", messageId);
        Assert.Null(skipped.UserId);
        Assert.Equal(publisher, Encoding.UTF8.GetString((byte[])skipped.Headers!["zun-published-by"]!));
    }

    /// <summary>
    /// Publishes a forgery as <paramref name="forger"/> and waits until it is refused: by RabbitMQ for guest, which
    /// services.sh allows no such write, otherwise by Zun, which counts the refusal.
    /// </summary>
    private async Task Forge(string forger, UntrustedMessageListener refusals, string messageType, Func<RawAmqpClient, string?, Task> publish)
    {
        var url = forger == "guest" ? System.RabbitUrl : await zun.StrangerUrl($"forger-{Guid.NewGuid():N}"[..15]);
        await using var client = await RawAmqpClient.ConnectAsync(System, url);
        var userId = forger == "no user_id" ? null : Uri.UnescapeDataString(new Uri(url).UserInfo.Split(':')[0]);

        if (forger == "guest")
        {
            await Assert.ThrowsAnyAsync<Exception>(() => publish(client, userId));
            Assert.Equal(AccessRefused, client.ClosedWith);
            return;
        }

        await publish(client, userId);
        Assert.Equal(forger == "stranger" ? "unknown" : "unidentified_service", await refusals.Refused(messageType));
    }
}
