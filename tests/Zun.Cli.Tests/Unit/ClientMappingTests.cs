using Zun.Client;
using Zun.Conductor.Commands;
using Zun.Contracts;

namespace Zun.Cli.Tests.Unit;

public sealed class ClientMappingTests
{
    [Fact]
    public void Terminal_events_become_outcomes_and_others_do_not()
    {
        var id = Guid.NewGuid();

        Assert.Equal(OperationState.Completed, OperationOutcome.FromEvent(new OperationCompleted { OperationId = id, Status = ContainerStatus.Running })!.State);
        Assert.Equal("boom", OperationOutcome.FromEvent(new OperationFailed { OperationId = id, Reason = "boom" })!.Reason);
        Assert.Equal(OperationState.Rejected, OperationOutcome.FromEvent(new OperationRejected { OperationId = id })!.State);
        Assert.Equal(OperationState.TimedOut, OperationOutcome.FromEvent(new OperationTimedOut { OperationId = id })!.State);
        Assert.Null(OperationOutcome.FromEvent(new OperationAccepted { OperationId = id }));
        Assert.Null(OperationOutcome.FromRecord(new OperationInfo { OperationId = id, State = OperationState.Dispatched }));
        Assert.Equal(OperationState.Failed, OperationOutcome.FromRecord(new OperationInfo { OperationId = id, State = OperationState.Failed })!.State);
    }

    [Fact]
    public void A_create_without_ids_gets_new_ones_and_the_clients_project_and_user()
    {
        var prepared = PreparedCommand.From(new CreateContainer { Image = "i" }, ActingFor("p", "u"));

        var create = Assert.IsType<CreateContainer>(prepared.Message);
        Assert.NotEqual(Guid.Empty, create.OperationId);
        Assert.NotEqual(Guid.Empty, create.ContainerId);
        Assert.Equal((create.OperationId, create.ContainerId, ContainerAction.Create), (prepared.OperationId, prepared.ContainerId!.Value, prepared.Action));
        Assert.Equal(("p", "u"), (create.ProjectId, create.UserId));
        Assert.Equal(typeof(CreateContainer), prepared.MessageType);
    }

    [Fact]
    public void A_pull_has_no_container_and_other_commands_need_one()
    {
        Assert.Null(PreparedCommand.From(new PullImage { Image = "i" }, new ZunClientOptions()).ContainerId);
        Assert.Throws<ArgumentException>(() => PreparedCommand.From(new StopContainer(), new ZunClientOptions()));
        Assert.Throws<ArgumentException>(() => PreparedCommand.From(new GetContainer(), new ZunClientOptions()));
    }

    [Fact]
    public void A_command_keeps_its_own_fields_and_ids_and_the_callers_record_is_left_as_it_was()
    {
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid(), TimeoutSeconds = 3, UserId = "alice" };

        var prepared = PreparedCommand.From(stop, ActingFor("p", "u"));

        var sent = Assert.IsType<StopContainer>(prepared.Message);
        Assert.Equal(stop with { ProjectId = "p" }, sent);
        Assert.Null(stop.ProjectId);
        Assert.Equal((stop.OperationId, stop.ContainerId, ContainerAction.Stop), (prepared.OperationId, prepared.ContainerId!.Value, prepared.Action));
    }

    [Fact]
    public void A_client_for_all_projects_says_so_on_every_command_and_keeps_a_project_the_command_names()
    {
        var options = ActingFor("admin", "u");
        options.AllProjects = true;

        var prepared = PreparedCommand.From(new StopContainer { ContainerId = Guid.NewGuid(), ProjectId = "other" }, options);

        var sent = Assert.IsType<StopContainer>(prepared.Message);
        Assert.Equal(("other", true), (sent.ProjectId, sent.AllProjects));
    }

    [Fact]
    public void A_query_acts_for_the_clients_project_unless_it_names_one()
    {
        var options = ActingFor("p", "u");

        Assert.Equal("p", ClientScope.Stamp(new GetContainer { ContainerId = Guid.NewGuid() }, options).ProjectId);
        Assert.Equal("q", ClientScope.Stamp(new GetOperation { ProjectId = "q" }, options).ProjectId);
        Assert.False(ClientScope.Stamp(new ListContainers(), options).AllProjects);
    }

    [Fact]
    public void A_list_for_all_projects_names_no_project_of_the_clients_so_it_lists_every_one()
    {
        var options = ActingFor("admin", "u");
        options.AllProjects = true;

        var everyProject = ClientScope.Stamp(new ListContainers(), options);
        var oneProject = ClientScope.Stamp(new ListContainers { ProjectId = "b" }, options);

        Assert.Equal(((string?)null, true), (everyProject.ProjectId, everyProject.AllProjects));
        Assert.Equal(("b", true), (oneProject.ProjectId, oneProject.AllProjects));
    }

    [Fact]
    public void The_client_names_the_action_of_every_command_as_the_conductors_catalogue_does()
    {
        var disagreeing = ContainerCommands.All.Where(c => PreparedCommand.ActionOf(c.CommandType) != c.Action).Select(c => c.CommandType.Name);

        Assert.Empty(disagreeing);
        Assert.Equal(ContainerAction.PullImage, PreparedCommand.ActionOf(typeof(PullImage)));
    }

    private static ZunClientOptions ActingFor(string project, string user) => new() { ProjectId = project, UserId = user };
}
