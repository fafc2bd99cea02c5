using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli;

/// <summary>
/// Finds the container a person means: a full id is taken as it is; otherwise an exact name, then a
/// unique id prefix (as <c>zun list</c> shows ids), among the containers that are not deleted.
/// </summary>
internal static class ContainerResolver
{
    private const int MinimumPrefix = 4;

    public static async Task<ContainerRef> ResolveAsync(IZunClient client, string text, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(text, out var id))
            return new ContainerRef(id, null);

        var named = await client.ListContainersAsync(new ListContainers { Name = text }, cancellationToken);
        if (named.Count == 1)
            return new ContainerRef(named[0].ContainerId, named[0].Name);
        if (named.Count > 1)
            throw Ambiguous($"name '{text}'", named);

        var prefix = text.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (prefix.Length >= MinimumPrefix && prefix.All(Uri.IsHexDigit))
        {
            var all = await client.ListContainersAsync(new ListContainers(), cancellationToken);
            var matches = all.Where(c => c.ContainerId.ToString("N").StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (matches.Count == 1)
                return new ContainerRef(matches[0].ContainerId, matches[0].Name);
            if (matches.Count > 1)
                throw Ambiguous($"id prefix '{text}'", matches);
        }

        throw new CliException(ExitCodes.NotFound, $"no container named '{text}' (nor one whose id starts so); see zun list");
    }

    private static CliException Ambiguous(string what, IReadOnlyList<ContainerInfo> matches) =>
        new(ExitCodes.NotFound,
            $"{what} matches {matches.Count} containers ({string.Join(", ", matches.Take(5).Select(c => c.ContainerId))}); name one by its id");
}
