namespace Zun.Testing;

/// <summary>
/// A role's RabbitMQ permissions on Zun's virtual host, from <c>deploy/broker-permissions.tsv</c>: the tests give their
/// broker users exactly what <c>deploy/local/services.sh</c> gives the local ones.
/// </summary>
/// <param name="Configure">Which exchanges and queues the user may declare and delete.</param>
/// <param name="Write">Which it may publish to (and bind queues to).</param>
/// <param name="Read">Which it may consume from (and bind from).</param>
public sealed record BrokerPermissions(string Configure, string Write, string Read)
{
    public const string Client = "client";
    public const string Service = "service";
    public const string Host = "host";

    /// <summary>Everything: what a test's administrator has.</summary>
    public static BrokerPermissions All { get; } = new(".*", ".*", ".*");

    private static readonly Lazy<IReadOnlyDictionary<string, BrokerPermissions>> Roles = new(Load);

    /// <summary>The permissions of <paramref name="role"/> (<see cref="Client"/>, <see cref="Service"/>, <see cref="Host"/>).</summary>
    public static BrokerPermissions Of(string role) =>
        Roles.Value.TryGetValue(role, out var permissions) ? permissions : throw new ArgumentException($"deploy/broker-permissions.tsv has no role {role}", nameof(role));

    private static Dictionary<string, BrokerPermissions> Load()
    {
        var file = Path.Combine(RepositoryRoot(), "deploy", "broker-permissions.tsv");
        return File.ReadLines(file)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(f => f[0], f => new BrokerPermissions(f[1], f[2], f[3]), StringComparer.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zun.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no Zun.sln above {AppContext.BaseDirectory}");
    }
}
