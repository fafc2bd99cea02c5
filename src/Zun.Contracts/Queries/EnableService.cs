namespace Zun.Contracts;

/// <summary>The host takes new containers again.</summary>
public sealed record EnableService : IServiceCommand
{
    public string Host { get; init; } = "";
}
