namespace Zun.Cli;

/// <summary>A container as named on the command line: its id, and its name when it was found by one.</summary>
internal sealed record ContainerRef(Guid Id, string? Name);
