namespace Zun.Conductor.Options;

/// <summary><c>Zun:Store:MongoDb</c>: the production store.</summary>
public sealed class MongoDbStoreOptions
{
    /// <summary>A <c>mongodb://</c> or <c>mongodb+srv://</c> connection string; required when the provider is MongoDb.</summary>
    public string? ConnectionString { get; set; }

    public string Database { get; set; } = "zun";

    /// <summary>How long the conductor waits at start for the server to answer before refusing to start (1 to 300).</summary>
    public int StartTimeoutSeconds { get; set; } = 10;
}
