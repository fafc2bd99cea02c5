using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>cpu and memory of a PATCH or a resize_container, as the <see cref="UpdateContainer"/> that applies them.</summary>
internal static class ContainerResize
{
    /// <summary>The update, or null when the request changes neither.</summary>
    public static UpdateContainer? Read(ApiCall call, ContainerInfo container)
    {
        var cpu = call.Parameters.Number("cpu");
        var memory = call.Parameters.Integer("memory", minimum: 1);
        if (cpu is null && memory is null)
            return null;
        if (cpu is <= 0)
            throw Errors.ApiException.BadRequest($"Invalid input for field/attribute cpu. Value: {cpu}. It must be a positive number of cores");
        return new UpdateContainer
        {
            OperationId = call.OperationId,
            ContainerId = container.ContainerId,
            Cpu = cpu,
            MemoryMb = memory is { } mb ? (int)Math.Min(mb, int.MaxValue) : null,
            ProjectId = call.Caller.ProjectId,
            UserId = call.Caller.UserId,
        };
    }
}
