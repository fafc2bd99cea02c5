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
        ["reboot"] = [Created, Running, Stopped, Error],
        ["rebuild"] = [Created, Running, Stopped, Error],
        ["pause"] = [Running],
        ["kill"] = [Running],
        ["execute"] = [Running],
        ["resize"] = [Running],
        ["top"] = [Running],
        ["stats"] = [Running],
        ["attach"] = [Running],
        ["unpause"] = [Paused],
        ["commit"] = [Running, Stopped, Paused],
        ["update"] = [Created, Running, Stopped, Paused],
        ["resize_container"] = [Created, Running, Stopped, Paused],
        ["get_archive"] = [Created, Paused, Running, Stopped],
        ["put_archive"] = [Created, Paused, Running, Stopped],
        ["logs"] = [Created, Error, Paused, Running, Stopped, Unknown],
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
        var reason = Check(action, status);

        Assert.Null(reason);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void An_action_is_refused_in_every_other_status_with_a_reason_naming_the_action_and_the_status(string action, ContainerStatus status)
    {
        var reason = Check(action, status);

        Assert.NotNull(reason);
        Assert.Contains(action, reason, StringComparison.Ordinal);
        Assert.Contains(status.ToString(), reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_cover_every_row_of_the_state_table()
    {
        var rules = ContainerActionRules.Names.Values;

        Assert.Equal(StateTable.Keys.Order(), rules.Order());
    }

    [Fact]
    public void Every_rule_has_a_row_of_the_state_table()
    {
        var unnamed = Enum.GetValues<ContainerRule>().Where(rule => !ContainerActionRules.Names.ContainsKey(rule));

        Assert.Empty(unnamed);
    }

    [Theory]
    [MemberData(nameof(ContainerActions))]
    public void Every_operation_on_a_container_either_has_a_rule_or_is_valid_in_any_status_by_name(ContainerAction action)
    {
        var operation = new ContainerOperation { Action = action };

        var rule = ContainerActionRules.RuleFor(operation);

        Assert.True(rule is not null || action is ContainerAction.Create or ContainerAction.Rename, $"{action} has no rule of the state table");
    }

    public static TheoryData<ContainerAction> ContainerActions =>
        [.. Enum.GetValues<ContainerAction>().Except([ContainerAction.PullImage, ContainerAction.Logs, ContainerAction.Top, ContainerAction.Stats, ContainerAction.RunJob, ContainerAction.CancelJob])];

    /// <summary>Operations are checked as the conductor checks them; requests (exec, logs, ...) by their rule.</summary>
    private static string? Check(string action, ContainerStatus status) =>
        Operation(action) is { } operation
            ? ContainerActionRules.Check(operation, status)
            : ContainerActionRules.Check(ContainerActionRules.Names.Single(r => r.Value == action).Key, status);

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

    private static ContainerOperation? Operation(string action) => action switch
    {
        "start" => new() { Action = ContainerAction.Start },
        "stop" => new() { Action = ContainerAction.Stop },
        "reboot" => new() { Action = ContainerAction.Restart },
        "rebuild" => new() { Action = ContainerAction.Rebuild },
        "pause" => new() { Action = ContainerAction.Pause },
        "unpause" => new() { Action = ContainerAction.Unpause },
        "commit" => new() { Action = ContainerAction.Commit },
        "update" => new() { Action = ContainerAction.Update },
        "kill" => new() { Action = ContainerAction.Kill, Signal = "SIGKILL" },
        "delete" => new() { Action = ContainerAction.Delete },
        "delete with stop" => new() { Action = ContainerAction.Delete, Stop = true },
        "delete with force" => new() { Action = ContainerAction.Delete, Force = true },
        _ => null,
    };
}
