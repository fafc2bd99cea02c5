using Zun.Conductor.Commands;
using Zun.Conductor.Options;
using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Validation;

/// <summary>The field checks every command passes before anything is recorded or sent to a host.</summary>
public sealed class CommandValidatorTests
{
    private static readonly CreateContainer ValidCreate = new()
    {
        OperationId = Guid.NewGuid(),
        ContainerId = Guid.NewGuid(),
        Image = "busybox:latest",
    };

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_create_without_an_image_is_refused_naming_image(string image)
    {
        var create = ValidCreate with { Image = image };

        var reason = Validate(create);

        Assert.NotNull(reason);
        Assert.Contains("image", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(5)]
    public void A_create_with_less_than_6_MiB_of_memory_is_refused_naming_memoryMb(int memoryMb)
    {
        var create = ValidCreate with { MemoryMb = memoryMb };

        var reason = Validate(create);

        Assert.NotNull(reason);
        Assert.Contains("memoryMb", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_create_with_a_cpu_count_that_is_not_positive_is_refused_naming_cpu(double cpu)
    {
        var create = ValidCreate with { Cpu = cpu };

        var reason = Validate(create);

        Assert.NotNull(reason);
        Assert.Contains("cpu", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SIGFOO")]
    [InlineData("99")]
    public void A_kill_with_an_unknown_signal_is_refused_naming_signal(string signal)
    {
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid(), Signal = signal };

        var reason = Validate(kill);

        Assert.NotNull(reason);
        Assert.Contains("signal", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_with_a_negative_timeout_is_refused_naming_timeoutSeconds()
    {
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid(), TimeoutSeconds = -1 };

        var reason = Validate(stop);

        Assert.NotNull(reason);
        Assert.Contains("timeoutSeconds", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("kill")]
    [InlineData("delete")]
    public void A_command_without_a_container_id_is_refused_naming_containerId(string command)
    {
        var reason = Validate(command, Guid.NewGuid(), Guid.Empty);

        Assert.NotNull(reason);
        Assert.Contains("containerId", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("kill")]
    [InlineData("delete")]
    [InlineData("pull")]
    public void A_command_without_an_operation_id_is_refused_naming_operationId(string command)
    {
        var reason = Validate(command, Guid.Empty, Guid.NewGuid());

        Assert.NotNull(reason);
        Assert.Contains("operationId", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("kill")]
    [InlineData("delete")]
    [InlineData("pull")]
    public void A_command_with_both_ids_and_no_other_fields_passes(string command)
    {
        var reason = Validate(command, Guid.NewGuid(), Guid.NewGuid());

        Assert.Null(reason);
    }

    [Theory]
    [InlineData("busybox", 6, 0.5)]
    [InlineData("busybox:1.36", 512, 2.0)]
    [InlineData("127.0.0.1:5000/library/busybox:latest", null, null)]
    public void A_create_with_an_image_enough_memory_and_a_positive_cpu_count_passes(string image, int? memoryMb, double? cpu)
    {
        var create = ValidCreate with { Image = image, MemoryMb = memoryMb, Cpu = cpu };

        var reason = Validate(create);

        Assert.Null(reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("SIGTERM")]
    [InlineData("kill")]
    [InlineData("9")]
    public void A_kill_with_a_known_signal_or_none_passes(string? signal)
    {
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid(), Signal = signal };

        var reason = Validate(kill);

        Assert.Null(reason);
    }

    [Fact]
    public void A_pull_without_an_image_is_refused_naming_image()
    {
        var pull = new PullImage { OperationId = Guid.NewGuid(), Image = "" };

        var reason = CommandValidator.Validate(pull);

        Assert.NotNull(reason);
        Assert.Contains("image", reason, StringComparison.Ordinal);
    }

    /// <summary>The limits on a host of 2 cores, with the default memory bound.</summary>
    internal static ResourceLimits Limits { get; } = new(new LimitsOptions().MaxMemoryMb, new HostCores(2, "host test-host"));

    private static string? Validate(IContainerCommand command) => ContainerCommands.Validate(command, Limits);

    private static string? Validate(string command, Guid operationId, Guid containerId) => command switch
    {
        "create" => Validate(ValidCreate with { OperationId = operationId, ContainerId = containerId }),
        "start" => Validate(new StartContainer { OperationId = operationId, ContainerId = containerId }),
        "stop" => Validate(new StopContainer { OperationId = operationId, ContainerId = containerId }),
        "kill" => Validate(new KillContainer { OperationId = operationId, ContainerId = containerId }),
        "delete" => Validate(new DeleteContainer { OperationId = operationId, ContainerId = containerId }),
        "pull" => CommandValidator.Validate(new PullImage { OperationId = operationId, Image = "busybox" }),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a command"),
    };
}
