using MassTransit;
using Zun.Conductor.Commands;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.Commands;

/// <summary>The catalogue covers every command of the contracts, and the machine gives every event a partition.</summary>
public sealed class ContainerCommandCatalogueTests
{
    private static readonly Type[] ContractTypes = typeof(IZunCommand).Assembly.GetExportedTypes();

    [Fact]
    public void Every_container_command_of_the_contracts_has_an_entry_in_the_catalogue()
    {
        var commands = ContractTypes.Where(t => t.IsClass && typeof(IContainerCommand).IsAssignableFrom(t));

        var withoutEntry = commands.Except(ContainerCommands.All.Select(c => c.CommandType));

        Assert.Empty(withoutEntry);
    }

    [Fact]
    public void Every_command_of_the_contracts_can_be_published_as_plain_json_under_its_name()
    {
        var commands = ContractTypes.Where(t => t.IsClass && typeof(IZunCommand).IsAssignableFrom(t));

        var unnamed = commands.Where(t => !ContainerCommands.TypesByName.TryGetValue(t.Name, out var named) || named != t);

        Assert.Empty(unnamed);
    }

    [Fact]
    public void Each_entry_asks_for_its_own_action()
    {
        var actions = ContainerCommands.All.Select(c => c.Action).ToList();

        Assert.Equal(actions.Distinct().Count(), actions.Count);
    }

    [Fact]
    public void Every_event_of_the_container_machine_but_the_heartbeat_has_a_partition_by_container()
    {
        var conductor = Microsoft.Extensions.Options.Options.Create(new ConductorOptions());
        var machine = new ContainerStateMachine(
            conductor, Microsoft.Extensions.Options.Options.Create(new PolicyOptions()), Microsoft.Extensions.Options.Options.Create(new LimitsOptions()),
            Microsoft.Extensions.Options.Options.Create(new VolumeOptions()), new WorkerDirectory(conductor, TimeProvider.System), TimeProvider.System);
        var messageTypes = machine.Events
            .Select(e => e.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Event<>)))
            .OfType<Type>()
            .Select(e => e.GetGenericArguments()[0])
            .Distinct();

        // A heartbeat may place every container waiting for a worker, and a host's going down reaches every container on
        // it, so neither has a container to be partitioned by.
        var unpartitioned = messageTypes.Except(machine.PartitionKeys.Select(k => k.MessageType)).Except([typeof(WorkerHeartbeat), typeof(HostWentDown)]);

        Assert.Empty(unpartitioned);
        Assert.Contains(typeof(StartContainer), machine.PartitionKeys.Select(k => k.MessageType));
    }
}
