namespace Zun.Worker.Options;

/// <summary>What carries out the worker's actions: <c>Zun:Worker:Runtime</c>.</summary>
public enum ContainerRuntimeKind
{
    /// <summary>The Docker engine at <c>Zun:Docker:Endpoint</c>: the only runtime for real use.</summary>
    Docker,

    /// <summary>
    /// No engine at all: every action succeeds at once on an in-memory table of containers. For benchmarks and
    /// scale tests of the control plane only, like the fake drivers OpenStack uses for scale testing.
    /// </summary>
    Null,
}
