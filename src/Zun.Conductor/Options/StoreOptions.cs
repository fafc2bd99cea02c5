namespace Zun.Conductor.Options;

/// <summary><c>Zun:Store</c>: where the conductor's state lives.</summary>
public sealed class StoreOptions
{
    public const string Section = "Zun:Store";

    /// <summary>
    /// <c>Sqlite</c> (when unset) or <c>MongoDb</c>, in any case.
    /// </summary>
    public string? Provider { get; set; }

    public SqliteStoreOptions Sqlite { get; set; } = new();

    public MongoDbStoreOptions MongoDb { get; set; } = new();

    /// <summary>The configured provider, or null when none is configured or it is not a known name.</summary>
    internal StoreProvider? ConfiguredProvider =>
        Enum.TryParse<StoreProvider>(Provider, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider : null;
}
