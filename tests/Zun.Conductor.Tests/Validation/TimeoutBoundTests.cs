using Zun.Conductor.Commands;
using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Validation;

/// <summary>Every command with a timeout field refuses one past the bound, naming the field and the bound.</summary>
public sealed class TimeoutBoundTests
{
    public static TheoryData<string> CommandsWithATimeout => ["stop", "restart", "exec"];

    [Theory]
    [MemberData(nameof(CommandsWithATimeout))]
    public void A_timeout_past_the_bound_is_refused_naming_timeoutSeconds_and_the_bound(string command)
    {
        var reason = Validate(command, int.MaxValue);

        Assert.NotNull(reason);
        Assert.Contains("timeoutSeconds", reason, StringComparison.Ordinal);
        Assert.Contains($"at most {CommandValidator.MaxTimeoutSeconds}", reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CommandsWithATimeout))]
    public void A_timeout_at_the_bound_is_accepted(string command) =>
        Assert.Null(Validate(command, 3600));

    // Timeouts do not depend on hosts: no host is known, as at a conductor's start.
    private static readonly ResourceLimits NoHostLimits = new(MaxMemoryMb: 1_048_576, Cores: null);

    private static string? Validate(string command, int timeoutSeconds) => command switch
    {
        "stop" => ContainerCommands.Validate(new StopContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid(), TimeoutSeconds = timeoutSeconds }, NoHostLimits),
        "restart" => ContainerCommands.Validate(new RestartContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid(), TimeoutSeconds = timeoutSeconds }, NoHostLimits),
        "exec" => CommandValidator.Validate(new ExecInContainer { ContainerId = Guid.NewGuid(), Command = ["true"], TimeoutSeconds = timeoutSeconds }),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };
}
