namespace Zun.Conductor.Validation;

/// <summary>The cores a cpu limit is held to, and which host has them (<c>host a</c>, <c>the largest live host, b</c>), for the reason.</summary>
internal sealed record HostCores(int Count, string Which);
