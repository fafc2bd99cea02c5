using System.ComponentModel.DataAnnotations;

namespace Zun.Api.Options;

/// <summary>The REST API process: <c>Zun:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Zun:Api";

    /// <summary>Where the API listens, e.g. <c>http://127.0.0.1:9517</c> (upstream Zun's port).</summary>
    [Required]
    public string Listen { get; set; } = "http://127.0.0.1:9517";

    /// <summary>
    /// How callers are identified: <c>noauth</c> (headers or the configured project; nothing is authenticated) or
    /// <c>keystone</c> (tokens validated against <see cref="Keystone"/>).
    /// </summary>
    [Required]
    public string Auth { get; set; } = ApiAuthModes.NoAuth;

    public NoAuthOptions NoAuth { get; set; } = new();

    public KeystoneOptions Keystone { get; set; } = new();

    /// <summary>
    /// An operator's policy file (oslo.policy's <c>policy.yaml</c>: rule name to rule), overriding upstream's default
    /// rules by name. Read once at start; a file that cannot be read or does not parse stops the process.
    /// </summary>
    public string? PolicyFile { get; set; }

    /// <summary>How long a create or an action waits for the conductor to accept or reject it before answering 503.</summary>
    [Range(1, 300)]
    public int AcceptTimeoutSeconds { get; set; } = 10;

    /// <summary>How long a read (show, list, logs, top, stats) waits for the conductor's answer.</summary>
    [Range(1, 300)]
    public int QueryTimeoutSeconds { get; set; } = 30;

    /// <summary>Largest request body accepted; larger ones get 413 (oslo's sizelimit default, 112 KiB).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 114_688;

    /// <summary>
    /// Largest put_archive body accepted (413 above it): 48 MiB holds the base64 of a 32 MiB archive, the worker's
    /// default <c>Zun:Worker:MaxArchiveBytes</c>, with room to spare.
    /// </summary>
    [Range(1024, 128 * 1024 * 1024)]
    public int MaxArchiveBodyBytes { get; set; } = 48 * 1024 * 1024;

    public TimeSpan AcceptTimeout => TimeSpan.FromSeconds(AcceptTimeoutSeconds);

    public TimeSpan QueryTimeout => TimeSpan.FromSeconds(QueryTimeoutSeconds);
}
