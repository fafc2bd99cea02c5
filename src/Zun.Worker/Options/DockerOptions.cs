using System.ComponentModel.DataAnnotations;

namespace Zun.Worker.Options;

/// <summary><c>Zun:Docker</c>: how to reach this host's Docker engine.</summary>
public sealed class DockerOptions
{
    public const string Section = "Zun:Docker";

    /// <summary>Engine API endpoint: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2375</c>.</summary>
    [Required]
    public string Endpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>Timeout of one engine API call (image pulls excepted).</summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 100;
}
