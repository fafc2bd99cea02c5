using Zun.Conductor.StateMachines;
using Zun.Conductor.Validation;
using Zun.Contracts;
using static Zun.Contracts.ContainerStatus;

namespace Zun.Conductor.Tests.Validation;

/// <summary>Every action of the state table against every status.</summary>
public sealed class ContainerActionRulesTests
{
    // Written out from ARCHITECTURE.md's state table (OpenStack Zun's VALID_STATES), not from the rules class.
    private static readonly Dictionary<string, ContainerStatus[]> StateTable = new()
    {
        ["start"] = [Created, Stopped, Error],
        ["stop"] = [Running],
        ["kill"] = [Running],
        ["delete"] = [Created, Error, Stopped, Deleted, Dead],
        ["delete with stop"] = [Running, Created, Error, Stopped, Deleted, Dead],
        ["delete with force"] = [Created, Creating, Error, Running, Stopped, Unknown, Deleted, Dead, Restarting, Rebuilding, Deleting],
    };

    public static TheoryData<string, ContainerStatus> AllowedPairs => Pairs(allowed: true);

    public static TheoryData<string, ContainerStatus> RefusedPairs => Pairs(allowed: false);

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void An_action_is_allowed_in_every_status_the_state_table_lists(string action, ContainerStatus status)
    {
        var operation = Operation(action);

        var reason = ContainerActionRules.Check(operation, status);

        Assert.Null(reason);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void An_action_is_refused_in_every_other_status_with_a_reason_naming_the_action_and_the_status(string action, ContainerStatus status)
    {
        var operation = Operation(action);

        var reason = ContainerActionRules.Check(operation, status);

        Assert.NotNull(reason);
        Assert.Contains(action, reason, StringComparison.Ordinal);
        Assert.Contains(status.ToString(), reason, StringComparison.Ordinal);
    }

    private static TheoryData<string, ContainerStatus> Pairs(bool allowed)
    {
        var pairs = new TheoryData<string, ContainerStatus>();
        foreach (var (action, valid) in StateTable)
        {
            foreach (var status in Enum.GetValues<ContainerStatus>().Where(s => valid.Contains(s) == allowed))
                pairs.Add(action, status);
        }

        return pairs;
    }

    private static ContainerOperation Operation(string action) => action switch
    {
        "start" => new() { Action = ContainerAction.Start },
        "stop" => new() { Action = ContainerAction.Stop },
        "kill" => new() { Action = ContainerAction.Kill, Signal = "SIGKILL" },
        "delete" => new() { Action = ContainerAction.Delete },
        "delete with stop" => new() { Action = ContainerAction.Delete, Stop = true },
        "delete with force" => new() { Action = ContainerAction.Delete, Force = true },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an action of the state table"),
    };
}
