using System.Text.Json.Serialization;
using Zun.Bench.Infrastructure;
using Zun.Testing;

namespace Zun.Bench.Output;

/// <summary>Everything one bench run measured; written as bench/results/latest.json.</summary>
internal sealed record BenchReport
{
    public required MachineDescription Machine { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Command { get; init; }

    public List<ControlPlaneResult> ControlPlane { get; init; } = [];

    public List<StoreResult> SagaStore { get; init; } = [];

    public DockerPathResult? DockerPath { get; init; }

    public ApiResult? Api { get; init; }

    public KeystoneResult? Keystone { get; init; }

    public FleetResult? Fleet { get; init; }

    public List<string> Notes { get; init; } = [];
}

internal sealed record MachineDescription(
    int Cores, double MemoryGiB, string Os, string Kernel, string DotNet, string RabbitMq, string Docker, double LoadAverageAtStart);

/// <summary>The control plane on one store: idle memory, the offered-load sweep and the closed-loop maximum.</summary>
internal sealed record ControlPlaneResult
{
    public required string Store { get; init; }

    public string? Skipped { get; init; }

    public double? ConductorIdleRssMiB { get; init; }

    public double? WorkerIdleRssMiB { get; init; }

    public List<LoadResult> OpenLoop { get; init; } = [];

    public LoadResult? ClosedLoop { get; init; }

    public List<string> Queues { get; init; } = [];
}

/// <summary>One load level, measured end to end from publish (or its scheduled time) to OperationCompleted.</summary>
internal sealed record LoadResult
{
    public required string Mode { get; init; }

    /// <summary>Operations per second offered on a fixed schedule (open loop); null for the closed loop.</summary>
    public double? OfferedPerSecond { get; init; }

    /// <summary>Operations kept in flight (closed loop); null for the open loop.</summary>
    public int? Concurrency { get; init; }

    public double WarmupSeconds { get; init; }

    public double MeasuredSeconds { get; init; }

    public int Sent { get; init; }

    public int Completed { get; init; }

    /// <summary>Ended otherwise than completed (failed, rejected, timed out, publish failed).</summary>
    public int Failed { get; init; }

    /// <summary>No terminal event by the end of the drain time.</summary>
    public int Unfinished { get; init; }

    /// <summary>Operations completed per second during the measured window.</summary>
    public double ThroughputPerSecond { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    /// <summary>Below 95 % of the offered rate, or operations left unfinished: the system could not keep up.</summary>
    public bool Saturated { get; init; }

    public ResourceUse Resources { get; init; } = new();
}

/// <summary>What the processes used while a load ran. CPU is in % of one core.</summary>
internal sealed record ResourceUse
{
    public double ConductorRssMiBMax { get; init; }

    public double WorkerRssMiBMax { get; init; }

    public double ConductorCpuPercent { get; init; }

    public double WorkerCpuPercent { get; init; }

    public double BrokerCpuPercent { get; init; }

    public double BenchCpuPercent { get; init; }

    /// <summary>CPU time per completed operation (ms), over the whole run: less sensitive to others' load than rates.</summary>
    public double ConductorCpuMsPerOperation { get; init; }

    public double WorkerCpuMsPerOperation { get; init; }

    public double BrokerCpuMsPerOperation { get; init; }

    public double BenchCpuMsPerOperation { get; init; }

    /// <summary>All cores, all processes (others' builds and tests included), in % of the machine.</summary>
    public double MachineBusyPercent { get; init; }

    public double LoadAverage1 { get; init; }
}

/// <summary>The saga store alone, for one store and one kind of operation.</summary>
internal sealed record StoreResult
{
    public required string Store { get; init; }

    public required string Operation { get; init; }

    public int Concurrency { get; init; }

    public int Count { get; init; }

    public double OperationsPerSecond { get; init; }

    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    public string? Skipped { get; init; }
}

/// <summary>The same containers created and started through Zun and straight through Docker.DotNet.</summary>
internal sealed record DockerPathResult
{
    public int Containers { get; init; }

    public int Concurrency { get; init; }

    public int Rounds { get; init; }

    public required string Image { get; init; }

    public double DirectPerSecond { get; init; }

    public double ZunPerSecond { get; init; }

    public double ThroughputRatio { get; init; }

    public double DirectP50Ms { get; init; }

    public double DirectP95Ms { get; init; }

    public double ZunP50Ms { get; init; }

    public double ZunP95Ms { get; init; }

    public double AddedP50Ms { get; init; }

    public double AddedP95Ms { get; init; }

    /// <summary>Through Zun: from publish until OperationDispatched was heard (broker and conductor), median.</summary>
    public double ZunToDispatchedP50Ms { get; init; }

    /// <summary>Through Zun: from OperationDispatched heard to OperationCompleted heard (worker, Docker, conductor), median.</summary>
    public double ZunDispatchedToCompletedP50Ms { get; init; }

    /// <summary>Straight through Docker.DotNet, mean of create and start.</summary>
    public double DirectMeanMs { get; init; }

    /// <summary>Through Zun, mean of the creates heard, publish to OperationCompleted.</summary>
    public double ZunMeanMs { get; init; }

    /// <summary>The conductor's own measure (zun.operation.duration), acceptance to completion, mean of the measured rounds.</summary>
    public double ConductorCreateMeanMs { get; init; }

    /// <summary>The worker's own measure (zun.worker.action.duration): its create and start with Docker, mean of the measured rounds.</summary>
    public double WorkerCreateMeanMs { get; init; }

    public int ZunFailed { get; init; }

    public int DirectFailed { get; init; }

    public List<string> RoundSummaries { get; init; } = [];

    public ResourceUse Resources { get; init; } = new();
}

/// <summary>zun-api against the bus path, measured in one run.</summary>
internal sealed record ApiResult
{
    /// <summary>A create with run published on the bus, to its <c>OperationCompleted</c>, one at a time.</summary>
    public required Latency BusCreate { get; init; }

    /// <summary><c>POST /v1/containers?run=true</c> to its 202 (the conductor has accepted the create).</summary>
    public required Latency ApiAccepted { get; init; }

    /// <summary>The same POST to the create's <c>OperationCompleted</c>.</summary>
    public required Latency ApiCreate { get; init; }

    public List<ListLatency> Lists { get; init; } = [];
}

internal sealed record ListLatency
{
    /// <summary>Containers the conductor holds.</summary>
    public int Containers { get; init; }

    /// <summary>Containers the default list returned.</summary>
    public int Listed { get; init; }

    public required Latency Latency { get; init; }

    /// <summary>The same page asked of the conductor on the bus (<c>ListContainers</c>), alternating with the API's requests.</summary>
    public Latency? BusLatency { get; init; }
}

internal sealed record Latency
{
    public int Samples { get; init; }

    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    public static Latency Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return new Latency { Samples = sorted.Count, P50Ms = Percentiles.Of(sorted, 50), P99Ms = Percentiles.Of(sorted, 99) };
    }
}

/// <summary>What Keystone mode costs zun-api's requests, measured against noauth in one run.</summary>
internal sealed record KeystoneResult
{
    /// <summary>A request refused right after its identity is resolved: the pipeline alone, nothing asked of the conductor.</summary>
    public required Latency PipelineNoAuth { get; init; }

    public required Latency PipelineKeystoneWarm { get; init; }

    public required Latency ListNoAuth { get; init; }

    public required Latency ListKeystoneWarm { get; init; }

    /// <summary>The first request carrying a token zun-api has not seen: one validation by Keystone behind it.</summary>
    public required Latency FirstRequestWithNewToken { get; init; }

    /// <summary>The same validation (<c>GET /v3/auth/tokens</c>) sent to Keystone by the bench itself.</summary>
    public required Latency KeystoneValidationDirect { get; init; }
}

/// <summary>Many hosts and many containers: placement, heartbeats, a conductor's restart and the list, measured in one run.</summary>
internal sealed record FleetResult
{
    public int Hosts { get; init; }

    public int Containers { get; init; }

    /// <summary>Creates offered per second (open loop) while the fleet was filled.</summary>
    public double OfferedPerSecond { get; init; }

    /// <summary>How the fleet's workers ran: processes, hosts in each.</summary>
    public required string WorkerProcesses { get; init; }

    /// <summary>Placement at every host count measured, in the order the containers were created.</summary>
    public List<PlacementStage> Placement { get; init; } = [];

    /// <summary>The fleet's stages after the warm-up, taken together.</summary>
    public PlacementStage? FleetPlacement { get; init; }

    /// <summary>The single host's stages after the warm-up, taken together.</summary>
    public PlacementStage? SingleHostPlacement { get; init; }

    /// <summary>How many containers' claims the hosts held once the fleet was full: fewest and most on one host.</summary>
    public int ClaimsPerHostMin { get; init; }

    public int ClaimsPerHostMax { get; init; }

    public List<IdleWindow> Idle { get; init; } = [];

    /// <summary>The conductor's CPU for the heartbeats of one host, ms per minute: the idle windows with and without heartbeats, apart.</summary>
    public double HeartbeatCpuMsPerHostPerMinute { get; init; }

    /// <summary>The same for the whole fleet, in % of one core.</summary>
    public double HeartbeatCpuPercentOfCore { get; init; }

    /// <summary>The same per heartbeat the conductor heard, ms.</summary>
    public double HeartbeatCpuMsEach { get; init; }

    /// <summary>The first conductor's start on an empty store, to ready, and the CPU it had used by then.</summary>
    public double EmptyStoreStartMs { get; init; }

    public double EmptyStoreStartCpuMs { get; init; }

    public List<ConductorRestart> Restarts { get; init; } = [];

    /// <summary><c>ListContainers</c> for the whole project, no limit (what <c>zun list</c> asks).</summary>
    public Latency? ListAll { get; init; }

    /// <summary>The conductor's own time for one, MassTransit's consume duration (the response sent included), mean.</summary>
    public double ListAllConductorMeanMs { get; init; }

    public int ListAllCount { get; init; }

    /// <summary><c>ListContainers</c> with a limit of 1,000, oldest first (what zun-api asks by default).</summary>
    public Latency? ListPage { get; init; }

    public double ListPageConductorMeanMs { get; init; }

    public double ConductorRssMiB { get; init; }

    public double WorkersRssMiB { get; init; }
}

/// <summary>The conductor's own placement measure (<c>zun.conductor.placement.duration</c>) over one stage of creates.</summary>
internal sealed record PlacementStage
{
    public int Hosts { get; init; }

    /// <summary>Containers on the hosts when the stage began and when it ended.</summary>
    public int ContainersBefore { get; init; }

    public int ContainersAfter { get; init; }

    /// <summary>The stage warmed the processes up (JIT) and is left out of the summary.</summary>
    public bool WarmUp { get; init; }

    /// <summary>Placements measured in the stage (placed only).</summary>
    public long Placed { get; init; }

    public long NotPlaced { get; init; }

    public double MeanMs { get; init; }

    /// <summary>Estimated within the histogram's buckets, as Prometheus's <c>histogram_quantile</c> does.</summary>
    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    /// <summary>The upper bound of the bucket p99 falls in: what the histogram can promise.</summary>
    public double P99BucketMs { get; init; }

    /// <summary>The whole create, the load generator's publish to <c>OperationCompleted</c>.</summary>
    public double CreateP50Ms { get; init; }

    public double CreateP99Ms { get; init; }

    public int Failed { get; init; }

    public double ConductorCpuMsPerCreate { get; init; }

    public double LoadAverage1 { get; init; }

    /// <summary>The stage's own buckets, to add stages up; not written out.</summary>
    [JsonIgnore]
    public HistogramBuckets? Buckets { get; init; }
}

/// <summary>A window with nothing asked of Zun: what the processes spent on their own.</summary>
internal sealed record IdleWindow
{
    public required string Label { get; init; }

    public double Seconds { get; init; }

    public int HostsUp { get; init; }

    public int Containers { get; init; }

    /// <summary>Heartbeats the conductor's directory counted during the window (all hosts).</summary>
    public long HeartbeatsHeard { get; init; }

    /// <summary>The conductor's CPU, % of one core, to two decimals.</summary>
    public double ConductorCpuPercent { get; init; }

    public double ConductorCpuMsPerMinute { get; init; }

    public double WorkersCpuPercent { get; init; }

    public double BrokerCpuPercent { get; init; }

    public double MachineBusyPercent { get; init; }

    public double LoadAverage1 { get; init; }
}

/// <summary>A conductor killed with SIGKILL and started again on its store, timed from the start of the new process.</summary>
internal sealed record ConductorRestart
{
    public int ContainersInStore { get; init; }

    /// <summary>The new process wrote its readiness file (bus started, every endpoint bound).</summary>
    public double ReadyMs { get; init; }

    /// <summary>The CPU time the new process had used when it was ready.</summary>
    public double CpuAtReadyMs { get; init; }

    /// <summary>A <c>ListContainers</c> (page of 1,000) sent as the process started was answered.</summary>
    public double FirstListMs { get; init; }

    /// <summary>A create with run sent as the process started ended (<c>OperationCompleted</c> or otherwise).</summary>
    public double FirstCreateMs { get; init; }

    public required string FirstCreateOutcome { get; init; }
}
