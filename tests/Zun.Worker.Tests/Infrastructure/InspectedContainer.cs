using Docker.DotNet.Models;

namespace Zun.Worker.Tests.Infrastructure;

/// <summary><c>docker inspect</c> of a container, with the parts that a created container always has.</summary>
public sealed record InspectedContainer(ContainerInspectResponse Response)
{
    public string Name => Response.Name;

    public long RestartCount => Response.RestartCount;

    public ContainerConfig Config => Response.Config ?? throw new InvalidOperationException("inspect has no Config");

    public HostConfig HostConfig => Response.HostConfig ?? throw new InvalidOperationException("inspect has no HostConfig");

    public State State => Response.State ?? throw new InvalidOperationException("inspect has no State");
}
