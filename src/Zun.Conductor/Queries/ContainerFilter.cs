using System.Linq.Expressions;
using Zun.Conductor.StateMachines;
using Zun.Conductor.Tenancy;
using Zun.Contracts;

namespace Zun.Conductor.Queries;

/// <summary>
/// Splits a <see cref="ListContainers"/> into what the store filters (only the conditions that apply, each a plain
/// comparison of an indexed field with a constant, so that every store can translate them into its own query
/// language) and what is checked on the containers it returns (the fields no store indexes).
/// </summary>
internal static class ContainerFilter
{
    public static Expression<Func<TrackedContainer, bool>> For(ListContainers request)
    {
        var conditions = new List<Expression<Func<TrackedContainer, bool>>>();
        if (request.Status is { } status)
            conditions.Add(x => x.Status == status);
        else if (!request.IncludeDeleted)
            conditions.Add(x => x.Status != ContainerStatus.Deleted);
        if (request.Host is { Length: > 0 } host)
            conditions.Add(x => x.Host == host);
        if (request.ListsOneProject(out var project))
            conditions.Add(x => x.ProjectId == project);
        return AllOf(conditions);
    }

    /// <summary>The request's conditions on fields the store does not index.</summary>
    public static Func<ContainerInfo, bool> Remaining(ListContainers request) => container =>
        (request.Name is null || container.Name == request.Name)
        && (request.Image is null || container.Image == request.Image)
        && (request.UserId is null || container.UserId == request.UserId)
        && (request.MemoryMb is null || container.MemoryMb == request.MemoryMb)
        && (request.TaskState is null || container.TaskState == request.TaskState)
        && (request.AutoRemove is null || container.AutoRemove == request.AutoRemove);

    public static Expression<Func<TrackedContainer, bool>> LiveOnHost(string host) =>
        x => x.Host == host && x.Status != ContainerStatus.Deleted;

    private static Expression<Func<TrackedContainer, bool>> AllOf(List<Expression<Func<TrackedContainer, bool>>> conditions)
    {
        if (conditions.Count == 0)
            return x => true;

        var parameter = Expression.Parameter(typeof(TrackedContainer), "x");
        var body = conditions
            .Select(c => new ParameterReplacer(c.Parameters[0], parameter).Visit(c.Body))
            .Aggregate(Expression.AndAlso);
        return Expression.Lambda<Func<TrackedContainer, bool>>(body, parameter);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
