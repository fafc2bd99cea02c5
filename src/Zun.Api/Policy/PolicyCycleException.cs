namespace Zun.Api.Policy;

/// <summary>Rules that refer to each other in a ring (<c>a: rule:b</c>, <c>b: rule:a</c>), which no check could ever finish.</summary>
public sealed class PolicyCycleException : Exception
{
    public PolicyCycleException(IReadOnlyList<string> cycle)
        : base($"Policy rules refer to each other in a loop: {string.Join(" -> ", cycle)}")
    {
        Cycle = cycle;
    }

    public PolicyCycleException()
        : this([])
    {
    }

    public PolicyCycleException(string message)
        : base(message)
    {
    }

    public PolicyCycleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rules of the loop, the first named again at the end.</summary>
    public IReadOnlyList<string> Cycle { get; } = [];
}
