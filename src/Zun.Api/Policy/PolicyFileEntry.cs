namespace Zun.Api.Policy;

/// <summary>One <c>"name": "rule"</c> line of a policy file, with the line its rule is on.</summary>
internal sealed record PolicyFileEntry(string Name, string Rule, long Line);
