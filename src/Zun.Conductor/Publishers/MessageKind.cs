namespace Zun.Conductor.Publishers;

/// <summary>What a message on a conductor endpoint is, for deciding whom it is trusted from.</summary>
internal enum MessageKind
{
    /// <summary>A client's command: from a service, or from a project's publisher for that project.</summary>
    Command,

    /// <summary>A client's query: trusted as commands are, and answered <c>RequestRejected</c> when refused.</summary>
    Query,

    /// <summary>A worker's report about its host (heartbeat, inventory, observation, outcome): only from a host.</summary>
    HostReport,

    /// <summary>What only the conductor sends itself (an operation's deadline).</summary>
    Own,
}
