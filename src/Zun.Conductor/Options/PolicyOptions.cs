namespace Zun.Conductor.Options;

/// <summary><c>Zun:Policy</c>: what the conductor allows tenants to ask for.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Zun:Policy";

    /// <summary>Allow privileged containers (full access to the host's devices). Off by default, as in OpenStack Zun.</summary>
    public bool AllowPrivileged { get; set; }
}
