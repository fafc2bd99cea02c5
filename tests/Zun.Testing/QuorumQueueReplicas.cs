namespace Zun.Testing;

/// <summary>Where a quorum queue lives in a cluster, as the management API reports it.</summary>
/// <param name="Leader">The node that leads the queue's replicas, e.g. <c>rabbit-zc1@host</c>.</param>
/// <param name="Members">Every node holding a replica.</param>
/// <param name="Online">The members that are running.</param>
public sealed record QuorumQueueReplicas(string Leader, IReadOnlyList<string> Members, IReadOnlyList<string> Online);
