using System.Linq.Expressions;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.Operations;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>Which saga queries become SQL, and what SQL.</summary>
public sealed class SqliteQueryTranslatorTests
{
    private static readonly SqliteQueryTranslator<TrackedContainer> Containers = new(new SqliteSagaTable<TrackedContainer>(ConductorSagaFields.Containers));
    private static readonly SqliteQueryTranslator<TrackedOperation> Operations = new(new SqliteSagaTable<TrackedOperation>(ConductorSagaFields.Operations));

    [Fact]
    public void The_worker_available_correlation_becomes_sql_on_the_state_and_requested_host_columns()
    {
        var heartbeat = new WorkerHeartbeat { Host = "host-b" };

        var where = Containers.TryTranslate(saga => saga.CurrentState == ContainerStateMachine.PlacingStateName
            && (saga.RequestedHost == null || saga.RequestedHost == heartbeat.Host));

        Assert.NotNull(where);
        Assert.Equal("(current_state = $p0 AND (requested_host IS NULL OR requested_host = $p1))", where.Sql);
        Assert.Equal(["Placing", "host-b"], where.Parameters);
    }

    [Fact]
    public void A_query_for_every_instance_becomes_sql_that_matches_every_row()
    {
        var where = Containers.TryTranslate(_ => true);

        Assert.Equal(("1", 0), (where?.Sql, where?.Parameters.Count));
    }

    [Fact]
    public void A_message_value_as_MassTransit_inlines_it_is_read_from_the_constant()
    {
        // MassTransit replaces context.Message with the message itself, as a constant.
        var saga = Expression.Parameter(typeof(ImagePull), "saga");
        var message = Expression.Constant(new WorkerHeartbeat { Host = "host-c" });
        var filter = Expression.Lambda<Func<ImagePull, bool>>(
            Expression.Equal(Expression.Property(saga, nameof(ImagePull.RequestedHost)), Expression.Property(message, nameof(WorkerHeartbeat.Host))),
            saga);

        var where = new SqliteQueryTranslator<ImagePull>(new SqliteSagaTable<ImagePull>(ConductorSagaFields.ImagePulls)).TryTranslate(filter);

        Assert.Equal("requested_host = $p0", where!.Sql);
        Assert.Equal(["host-c"], where.Parameters);
    }

    [Fact]
    public void Enums_compare_by_the_name_the_document_holds_also_when_nullable()
    {
        var wanted = ContainerStatus.Stopped;

        var container = Containers.TryTranslate(x => x.Status == ContainerStatus.Running);
        var operation = Operations.TryTranslate(x => x.Status == wanted);

        Assert.Equal(("status = $p0", "Running"), (container!.Sql, container.Parameters[0]));
        Assert.Equal(("status = $p0", "Stopped"), (operation!.Sql, operation.Parameters[0]));
    }

    [Fact]
    public void Not_equal_and_null_checks_keep_csharp_null_semantics()
    {
        Assert.Equal("host IS NOT $p0", Containers.TryTranslate(x => x.Host != "host-a")!.Sql);
        Assert.Equal("host IS NULL", Containers.TryTranslate(x => x.Host == null)!.Sql);
        Assert.Equal("host IS NOT NULL", Containers.TryTranslate(x => null != x.Host)!.Sql);
        Assert.Equal("NOT (project_id = $p0)", Containers.TryTranslate(x => !(x.ProjectId == "p"))!.Sql);
        Assert.Equal("host IS requested_host", Containers.TryTranslate(x => x.Host == x.RequestedHost)!.Sql);
    }

    [Fact]
    public void Guids_compare_as_the_text_the_document_and_the_id_column_hold()
    {
        var id = Guid.NewGuid();

        var byContainer = Operations.TryTranslate(x => x.ContainerId == id);
        var byId = Operations.TryTranslate(x => x.CorrelationId == id);

        Assert.Equal(("container_id = $p0", id.ToString("D")), (byContainer!.Sql, byContainer.Parameters[0]));
        Assert.Equal(("correlation_id = $p0", id.ToString("D")), (byId!.Sql, byId.Parameters[0]));
    }

    [Fact]
    public void Queries_on_unmapped_properties_or_other_operators_are_not_translated()
    {
        Assert.Null(Containers.TryTranslate(x => x.UserId == "u"));
        Assert.Null(Containers.TryTranslate(x => x.Spec.Image == "busybox"));
        Assert.Null(Containers.TryTranslate(x => x.Host!.StartsWith("host")));
        Assert.Null(Containers.TryTranslate(x => x.CurrentState == "Idle" && x.ExitCode > 0));
    }

    [Fact]
    public void The_same_query_with_other_values_has_the_same_shape()
    {
        var (first, second) = (new WorkerHeartbeat { Host = "a" }, new WorkerHeartbeat { Host = "b" });

        var shapeOfFirst = SqliteQueryTranslator<TrackedContainer>.ShapeOf(x => x.UserId == first.Host);
        var shapeOfSecond = SqliteQueryTranslator<TrackedContainer>.ShapeOf(x => x.UserId == second.Host);

        Assert.Equal(shapeOfFirst, shapeOfSecond);
        Assert.NotEqual(shapeOfFirst, SqliteQueryTranslator<TrackedContainer>.ShapeOf(x => x.ProjectId == first.Host));
    }

    [Fact]
    public void A_saga_with_no_field_map_gets_its_state_indexed()
    {
        var table = new SqliteSagaTable<ImagePull>(SagaFieldMap<ImagePull>.Default);

        Assert.Equal("current_state", Assert.Single(table.Columns).Name);
        Assert.NotNull(new SqliteQueryTranslator<ImagePull>(table).TryTranslate(x => x.CurrentState == "Pulling"));
        Assert.Equal("version = $p0", new SqliteQueryTranslator<ImagePull>(table).TryTranslate(x => x.Version == 3)?.Sql);
    }
}
