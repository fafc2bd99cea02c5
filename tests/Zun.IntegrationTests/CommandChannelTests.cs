using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>
/// A command reads the same whichever channel it comes by, a MassTransit envelope or plain JSON on <c>zun.commands</c>,
/// both published here without MassTransit; what cannot be read is refused to its operation, or reported in a
/// <c>command.error</c> notification when it names none.
/// </summary>
public sealed class CommandChannelTests(SharedZun zun)
{
    private static readonly Dictionary<string, (string Fields, string Reason)> UnreadableBodies = new()
    {
        ["a misspelled field"] = ("\"memory_mb\": 64", "unknown field 'memory_mb'"),
        ["a number sent as a string"] = ("\"memoryMb\": \"64\"", "memoryMb must be a whole number"),
        ["an unknown field"] = ("\"color\": \"red\"", "unknown field 'color'"),
    };

    private ZunTestSystem System => zun.System;

    public static TheoryData<string> Unreadable => new(UnreadableBodies.Keys);

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task A_body_is_refused_alike_on_both_channels_naming_the_field(string body)
    {
        var (fields, reason) = UnreadableBodies[body];
        await using var client = await RawAmqpClient.ConnectAsync(System);
        var (viaEnvelope, viaPlainJson) = (Guid.NewGuid(), Guid.NewGuid());

        await client.PublishEnvelope(nameof(CreateContainer), Create(viaEnvelope, fields));
        await client.PublishPlainJson(nameof(CreateContainer), Create(viaPlainJson, fields));

        var envelopeRejected = Assert.IsType<OperationRejected>(await System.Events.Outcome(viaEnvelope));
        var plainRejected = Assert.IsType<OperationRejected>(await System.Events.Outcome(viaPlainJson));
        Assert.StartsWith(reason, envelopeRejected.Reason, StringComparison.Ordinal);
        Assert.Equal(envelopeRejected.Reason, plainRejected.Reason);
        Assert.Equal((ContainerAction.Create, ContainerAction.Create), (envelopeRejected.Action, plainRejected.Action));
        Assert.Empty(System.Events.All<OperationAccepted>(e => e.OperationId == viaEnvelope || e.OperationId == viaPlainJson));
    }

    [Theory]
    [InlineData("[1, 2]", "a list")]
    [InlineData("42", "the number '42'")]
    [InlineData("\"text\"", "the string 'text'")]
    [InlineData("null", "null")]
    public async Task A_plain_json_body_that_is_not_an_object_gets_a_command_error_saying_what_it_is(string body, string what)
    {
        await using var client = await RawAmqpClient.ConnectAsync(System);

        var messageId = await client.PublishPlainJson(nameof(CreateContainer), body);

        var error = await client.CommandError(messageId);
        Assert.Equal("ERROR", error.GetProperty("priority").GetString());
        Assert.Equal(nameof(CreateContainer), error.GetProperty("payload").GetProperty("command").GetString());
        Assert.Equal($"CreateContainer: the command must be a JSON object (CreateContainer), got {what}",
            error.GetProperty("payload").GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_plain_json_create_with_an_empty_environment_key_is_rejected_naming_environment()
    {
        await using var client = await RawAmqpClient.ConnectAsync(System);
        var operationId = Guid.NewGuid();

        await client.PublishPlainJson(nameof(CreateContainer), Create(operationId, "\"environment\": {\"\": \"x\"}"));

        var rejected = Assert.IsType<OperationRejected>(await System.Events.Outcome(operationId));
        Assert.Equal("environment must not have an empty key", rejected.Reason);
    }

    [Theory]
    [InlineData(nameof(CreateContainer), """{"image": "busybox", "memoryMb": "64"}""", "CreateContainer: memoryMb must be a whole number")]
    [InlineData(nameof(PullImage), """{"image": 5}""", "PullImage: image must be a string, got the number '5'")]
    public async Task An_envelope_with_a_wrongly_typed_field_and_no_operation_id_gets_a_command_error_naming_the_field(
        string command, string message, string problem)
    {
        await using var client = await RawAmqpClient.ConnectAsync(System);

        var messageId = await client.PublishEnvelope(command, message);

        var error = await client.CommandError(messageId);
        Assert.Equal(command, error.GetProperty("payload").GetProperty("command").GetString());
        Assert.StartsWith(problem, error.GetProperty("payload").GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_create_runs_from_either_channel()
    {
        await using var client = await RawAmqpClient.ConnectAsync(System);
        var (viaEnvelope, viaPlainJson) = (Guid.NewGuid(), Guid.NewGuid());
        const string Fields = "\"command\": [\"sleep\", \"30\"], \"memoryMb\": 64, \"cpu\": 0.5, \"environment\": {\"A\": \"1\"}, \"run\": true";

        await client.PublishEnvelope(nameof(CreateContainer), Create(viaEnvelope, Fields));
        await client.PublishPlainJson(nameof(CreateContainer), Create(viaPlainJson, Fields));

        Assert.Equal(ContainerStatus.Running, Assert.IsType<OperationCompleted>(await System.Events.Outcome(viaEnvelope)).Status);
        Assert.Equal(ContainerStatus.Running, Assert.IsType<OperationCompleted>(await System.Events.Outcome(viaPlainJson)).Status);
    }

    private static string Create(Guid operationId, string fields) => $$"""
        {"operationId": "{{operationId}}", "containerId": "{{Guid.NewGuid()}}", "image": "{{ZunTestSystem.BusyboxImage}}",
         "projectId": "it-project", "userId": "it-user", {{fields}}}
        """;
}
