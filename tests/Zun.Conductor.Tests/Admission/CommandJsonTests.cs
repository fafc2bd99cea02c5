using System.Text.Json;
using MassTransit.Serialization;
using Zun.Conductor.Admission;
using Zun.Conductor.Commands;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Admission;

/// <summary>
/// The one strict reading of a command's JSON, whichever channel it came by: every field one of the contract's, given
/// once, with its exact JSON type; the refusal names the field. What Zun's own clients write reads back unchanged.
/// </summary>
public sealed class CommandJsonTests
{
    private static readonly Guid OperationId = Guid.NewGuid();
    private static readonly Guid ContainerId = Guid.NewGuid();

    private static readonly Dictionary<string, (string Fields, string Problem)> Refused = new()
    {
        ["a misspelled field"] = ("\"memory_mb\": 64", "unknown field 'memory_mb': CreateContainer has no such field"),
        ["several unknown fields"] = ("\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1, \"f\": 1, \"g\": 1",
            "unknown fields 'a', 'b', 'c', 'd', 'e' and 2 more: CreateContainer has no such fields"),
        ["a number sent as a string"] = ("\"memoryMb\": \"64\"", "memoryMb must be a whole number from -2147483648 to 2147483647, got the string '64'"),
        ["a fraction for a whole number"] = ("\"memoryMb\": 64.5", "memoryMb must be a whole number"),
        ["a whole number too large"] = ("\"memoryMb\": 99999999999", "memoryMb must be a whole number from -2147483648 to 2147483647, got the number '99999999999'"),
        ["a number of cores sent as a string"] = ("\"cpu\": \"0.5\"", "cpu must be a number, got the string '0.5'"),
        ["a flag sent as a string"] = ("\"run\": \"true\"", "run must be true or false, got the string 'true'"),
        ["a flag sent as a number"] = ("\"run\": 1", "run must be true or false, got the number '1'"),
        ["a flag sent as null"] = ("\"run\": null", "run must be true or false, got null"),
        ["a list sent as a string"] = ("\"command\": \"sleep 30\"", "command must be a list whose elements are each a string, got the string 'sleep 30'"),
        ["a number in a list of strings"] = ("\"command\": [\"sleep\", 30]", "command[1] must be a string, got the number '30'"),
        ["an empty environment key"] = ("\"environment\": {\"\": \"x\"}", "environment must not have an empty key"),
        ["a number as an environment value"] = ("\"environment\": {\"PORT\": 80}", "environment['PORT'] must be a string, got the number '80'"),
        ["environment keys that differ only in case"] = ("\"environment\": {\"path\": \"a\", \"PATH\": \"b\"}",
            "environment has the key 'PATH' more than once"),
        ["an unknown field of a nested object"] = ("\"restartPolicy\": {\"name\": \"always\", \"retries\": 3}",
            "unknown field 'retries': restartPolicy (RestartPolicy) has no such field"),
        ["a string for a nested object"] = ("\"restartPolicy\": \"always\"", "restartPolicy must be a JSON object (RestartPolicy), got the string 'always'"),
        ["a field given twice"] = ("\"memoryMb\": 64, \"MemoryMB\": 128", "memoryMb is given more than once"),
        ["a container id that is no UUID"] = ("\"containerId\": \"web\"", "containerId must be a UUID string, got the string 'web'"),
    };

    public static TheoryData<string> RefusedBodies => new(Refused.Keys);

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public void A_body_that_does_not_fit_the_contract_exactly_is_refused_naming_the_field(string body)
    {
        var (fields, expected) = Refused[body];

        var reading = Read<CreateContainer>($$"""{"operationId": "{{OperationId}}", "image": "busybox", {{fields}}}""");

        Assert.Null(reading.Command);
        Assert.NotNull(reading.Problem);
        Assert.Contains(expected, reading.Problem, StringComparison.Ordinal);
        Assert.Equal(OperationId, reading.Address.OperationId);
    }

    [Fact]
    public void A_refusal_is_addressed_to_the_operation_container_and_tenant_the_body_names()
    {
        var reading = Read<StopContainer>($$"""
            {"operationId": "{{OperationId}}", "containerId": "{{ContainerId}}", "projectId": "p", "userId": "u", "timeoutSeconds": "5"}
            """);

        Assert.NotNull(reading.Problem);
        Assert.Equal(new CommandAddress(OperationId, ContainerId, "p", "u"), reading.Address);
    }

    [Theory]
    [InlineData("""{"containerId": "7d0f9f45-cb2a-42e5-b370-e9fb407d2b58"}""")]
    [InlineData("""{"operationId": "00000000-0000-0000-0000-000000000000"}""")]
    [InlineData("""{"operationId": "not-a-uuid", "memoryMb": "64"}""")]
    public void A_body_without_a_usable_operation_id_is_refused_with_no_operation_to_address(string body)
    {
        var reading = Read<CreateContainer>(body);

        Assert.NotNull(reading.Problem);
        Assert.Null(reading.Address.OperationId);
    }

    [Theory]
    [InlineData("[1, 2]", "a list")]
    [InlineData("42", "the number '42'")]
    [InlineData("\"text\"", "the string 'text'")]
    [InlineData("null", "null")]
    public void A_body_that_is_not_an_object_is_refused_saying_what_it_is(string body, string what)
    {
        var reading = Read<CreateContainer>(body);

        Assert.Equal($"the command must be a JSON object (CreateContainer), got {what}", reading.Problem);
    }

    [Fact]
    public void An_unknown_field_with_a_huge_name_gives_a_bounded_reason()
    {
        var reading = Read<CreateContainer>($$"""{"operationId": "{{OperationId}}", "{{new string('x', 1024 * 1024)}}": 1}""");

        Assert.NotNull(reading.Problem);
        Assert.True(reading.Problem.Length < 200, $"the problem is {reading.Problem.Length} characters long");
    }

    [Fact]
    public void Field_names_are_read_in_any_case()
    {
        var reading = Read<CreateContainer>($$"""{"OperationId": "{{OperationId}}", "IMAGE": "busybox", "memoryMB": 64}""");

        var create = Assert.IsType<CreateContainer>(reading.Command);
        Assert.Equal(("busybox", 64), (create.Image, create.MemoryMb));
    }

    public static TheoryData<string> CommandTypes => new(ContainerCommands.TypesByName.Keys);

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public void Every_command_as_a_Zun_client_writes_it_reads_back_unchanged(string commandName)
    {
        var type = ContainerCommands.TypesByName[commandName];
        var written = JsonSerializer.SerializeToElement(Sample(type), type, SystemTextJsonMessageSerializer.Options);

        var reading = CommandJson.Read(type, written);

        Assert.Null(reading.Problem);
        Assert.Equal(written.GetRawText(), JsonSerializer.SerializeToElement(reading.Command, type, SystemTextJsonMessageSerializer.Options).GetRawText());
    }

    private static CommandReading Read<T>(string body)
    {
        using var document = JsonDocument.Parse(body);
        return CommandJson.Read(typeof(T), document.RootElement);
    }

    /// <summary>A command with its ids set and, for a create, every field, as a client fills it.</summary>
    private static object Sample(Type type)
    {
        if (type == typeof(CreateContainer))
            return FullCreate;

        var command = Activator.CreateInstance(type)!;
        type.GetProperty(nameof(IZunCommand.OperationId))!.SetValue(command, OperationId);
        type.GetProperty(nameof(IContainerCommand.ContainerId))?.SetValue(command, ContainerId);
        return command;
    }

    private static CreateContainer FullCreate => new()
    {
        OperationId = OperationId,
        ContainerId = ContainerId,
        Image = "127.0.0.1:5000/busybox:latest",
        Command = ["sleep", "30"],
        Entrypoint = ["/bin/sh", "-c"],
        Name = "web",
        Environment = new() { ["PATH"] = "/bin" },
        Labels = new() { ["tier"] = "web" },
        Cpu = 0.5,
        MemoryMb = 64,
        Workdir = "/",
        Hostname = "web",
        Run = true,
        Host = "host-a",
        RestartPolicy = new RestartPolicy { Name = "on-failure", MaximumRetryCount = 3 },
        AutoRemove = true,
        ExposedPorts = ["80/tcp"],
        ImagePullPolicy = "always",
        Runtime = "runc",
        Interactive = true,
        Tty = true,
        ProjectId = "p",
        UserId = "u",
    };
}
