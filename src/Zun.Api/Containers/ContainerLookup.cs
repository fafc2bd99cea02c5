using Zun.Api.Errors;
using Zun.Api.Identity;
using Zun.Api.Messaging;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// Finds the container a URL names, by uuid or by name, as the caller may see it: a deleted container is not found,
/// and the conductor answers for another project's (unless all projects were asked for) as for none; a name two
/// containers share is a 409.
/// </summary>
internal sealed class ContainerLookup(ZunConnection zun)
{
    /// <summary>The container, once <paramref name="rule"/> allows the caller to act on it (the container is the target).</summary>
    public async Task<ContainerInfo> FindAsync(ApiCall call, string ident, string rule, bool allProjects = false)
    {
        var container = await FindAsync(ident, call.Caller, allProjects, call.Aborted);
        call.Policy.Authorize(rule, container);
        return container;
    }

    public async Task<ContainerInfo> FindAsync(string ident, RequestIdentity caller, bool allProjects, CancellationToken cancellationToken)
    {
        var id = Guid.TryParse(ident, out var uuid) ? uuid : await IdNamed(ident, caller, allProjects, cancellationToken);

        // By id even when named: a list's entries leave out the operations that container_actions shows.
        var found = await zun.Client.GetContainerAsync(
            new GetContainer { ContainerId = id, ProjectId = caller.ProjectId, AllProjects = allProjects }, cancellationToken);
        if (found.Found && found.Value.Status != ContainerStatus.Deleted)
            return found.Value;
        throw NotFound(ident);
    }

    private async Task<Guid> IdNamed(string name, RequestIdentity caller, bool allProjects, CancellationToken cancellationToken)
    {
        var named = await zun.Client.ListContainersAsync(
            new ListContainers { Name = name, ProjectId = allProjects ? null : caller.ProjectId, AllProjects = allProjects }, cancellationToken);
        return named.Count switch
        {
            0 => throw NotFound(name),
            1 => named[0].ContainerId,
            _ => throw ApiException.Conflict($"Multiple containers exist with same name '{name}'. Please use the container uuid instead."),
        };
    }

    private static ApiException NotFound(string ident) =>
        new(StatusCodes.Status404NotFound, $"Container {ident} could not be found.", code: "container.container-not-found");
}
