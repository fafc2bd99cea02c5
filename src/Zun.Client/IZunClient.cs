using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Client;

/// <summary>
/// Zun from .NET: commands published and their outcomes awaited, events followed, queries asked.
/// Commands without an <c>OperationId</c> get a new one; a <see cref="CreateContainer"/> without a
/// <c>ContainerId</c> gets a new one too. Each command call waits for the operation's terminal event
/// and returns it as an <see cref="OperationOutcome"/>; it throws <see cref="ZunTimeoutException"/>
/// when none comes in time and <see cref="OperationCanceledException"/> when cancelled. Every command and
/// query acts for the project it names, else the client's (<see cref="ZunClientOptions.ProjectId"/>), and
/// for all projects when it or the client says so: the conductor answers about another project's containers
/// and operations as if they did not exist.
/// </summary>
public interface IZunClient : IAsyncDisposable
{
    Task<OperationOutcome> ExecuteAsync(object command, WaitOptions? wait = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes any of Zun's commands without waiting for its outcome; returns once the broker has confirmed it.</summary>
    Task<PublishedOperation> PublishAsync(object command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes any of Zun's commands and waits only for the conductor's answer: accepted (its outcome follows
    /// later) or rejected with a reason. Throws <see cref="ZunTimeoutException"/> when neither comes within
    /// <paramref name="timeout"/> (default: the client's operation timeout).
    /// </summary>
    Task<OperationAcceptance> SubmitAsync(object command, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the outcome of an operation published earlier, by this client or anyone. An operation
    /// that has already ended is answered from the conductor's record.
    /// </summary>
    Task<OperationOutcome> WaitForOutcomeAsync(Guid operationId, WaitOptions? wait = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The status changes of one container, from now until cancelled. Listening starts when this
    /// method is called, not when enumeration starts, so a command published right after is covered.
    /// </summary>
    /// <summary>Runs a batch job (a new <c>JobId</c> when it has none) and waits for it to end, without limit unless <paramref name="timeout"/> is given.</summary>
    Task<JobOutcome> RunJobAsync(RunJob job, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Submits a batch job and waits only for its acceptance: null once accepted, otherwise its refusal (or an outcome that came first).</summary>
    Task<JobOutcome?> SubmitJobAsync(RunJob job, CancellationToken cancellationToken = default);

    /// <summary>Cancels a job: its <see cref="JobCancelled"/> outcome, or the refusal of the cancel (the job has ended, or is not the caller's).</summary>
    Task<JobOutcome> CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default);

    Task<QueryResult<JobInfo>> GetJobAsync(GetJob request, CancellationToken cancellationToken = default);

    Task<QueryResult<JobList>> ListJobsAsync(ListJobs request, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ContainerStatusChanged> WatchContainerAsync(Guid containerId, CancellationToken cancellationToken = default);

    /// <summary>Every event Zun publishes (operations, container status, image pulls), from now until cancelled.</summary>
    IAsyncEnumerable<ZunEvent> WatchEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>The container, as the client's scope (<see cref="ZunClientOptions.ProjectId"/>, <see cref="ZunClientOptions.AllProjects"/>) sees it.</summary>
    Task<QueryResult<ContainerInfo>> GetContainerAsync(Guid containerId, CancellationToken cancellationToken = default);

    /// <summary>The container, as the request's scope sees it (the client's where the request sets none).</summary>
    Task<QueryResult<ContainerInfo>> GetContainerAsync(GetContainer request, CancellationToken cancellationToken = default);

    /// <summary>The operation's record, as the client's scope sees it.</summary>
    Task<QueryResult<OperationInfo>> GetOperationAsync(Guid operationId, CancellationToken cancellationToken = default);

    /// <summary>The operation's record, as the request's scope sees it (the client's where the request sets none).</summary>
    Task<QueryResult<OperationInfo>> GetOperationAsync(GetOperation request, CancellationToken cancellationToken = default);

    /// <summary>The containers matching the filter (all but deleted ones when it is null), oldest first unless it orders them otherwise.</summary>
    Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(ListContainers? filter = null, CancellationToken cancellationToken = default);

    /// <summary>One page of a list, as the conductor answered it (with whether its marker was found).</summary>
    Task<ContainerList> ListContainerPageAsync(ListContainers request, CancellationToken cancellationToken = default);

    /// <summary>Runs a command in a running container and returns what it printed and its exit code.</summary>
    Task<QueryResult<ExecResult>> ExecInContainerAsync(ExecInContainer request, CancellationToken cancellationToken = default);

    Task<QueryResult<ContainerLogs>> GetContainerLogsAsync(GetContainerLogs request, CancellationToken cancellationToken = default);

    Task<QueryResult<ContainerTop>> GetContainerTopAsync(GetContainerTop request, CancellationToken cancellationToken = default);

    Task<QueryResult<ContainerStats>> GetContainerStatsAsync(GetContainerStats request, CancellationToken cancellationToken = default);

    /// <summary>
    /// What is at a path in a container, as a tar archive (base64 in <see cref="ContainerArchive.Data"/>) with its stat, or
    /// only the stat (<see cref="GetArchive.StatOnly"/>). Refused with the reason for a path that is relative or has a
    /// <c>..</c> part, a status the state table refuses, nothing at the path, or an archive above the worker's
    /// <c>Zun:Worker:MaxArchiveBytes</c>.
    /// </summary>
    Task<QueryResult<ContainerArchive>> GetArchiveAsync(GetArchive request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extracts a tar archive (base64 in <see cref="PutArchive.Data"/>) into an existing directory of a container, or
    /// refuses it with the reason and writes nothing. Data longer than any worker takes (the base64 of 90 MiB) is refused
    /// here, without a message: RabbitMQ would refuse one that large.
    /// </summary>
    Task<QueryResult<ArchiveExtracted>> PutArchiveAsync(PutArchive request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The worker hosts the conductor knows, as <paramref name="request"/> asks for them; without one, every host heard
    /// from within the liveness window.
    /// </summary>
    Task<IReadOnlyList<WorkerHost>> ListHostsAsync(ListHosts? request = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enables, disables, forces down or deletes a host's service (<see cref="IServiceCommand"/>); the state it leaves, or
    /// why the conductor refused (an unknown host, containers still on a host to delete).
    /// </summary>
    Task<QueryResult<ServiceState>> ChangeServiceAsync<T>(T command, CancellationToken cancellationToken = default)
        where T : class, IServiceCommand;

    /// <summary>
    /// A project's quotas (<see cref="GetQuota"/>, <see cref="GetDefaultQuota"/>) or a change to them
    /// (<see cref="UpdateQuota"/>, <see cref="DeleteQuota"/>): the limits that hold afterwards, or why the conductor refused.
    /// </summary>
    Task<QueryResult<QuotaSet>> AskQuotaAsync<T>(T request, CancellationToken cancellationToken = default)
        where T : class, IQuotaRequest;

    /// <summary>
    /// A Zun volume: made (<see cref="CreateVolume"/>, answered once its host has it), shown (<see cref="GetVolume"/>) or
    /// deleted (<see cref="DeleteVolume"/>); not found when no volume the client's project sees has that id or name, or
    /// rejected with the conductor's reason (a volume in use, a host that cannot take it).
    /// </summary>
    Task<QueryResult<VolumeInfo>> AskVolumeAsync<T>(T request, CancellationToken cancellationToken = default)
        where T : class, IVolumeRequest;

    /// <summary>The Zun volumes the client's project sees (every project's when it acts for all).</summary>
    Task<IReadOnlyList<VolumeInfo>> ListVolumesAsync(ListVolumes? request = null, CancellationToken cancellationToken = default);

    /// <summary>A quota class's limits (<see cref="GetQuotaClass"/>) or a change to them (<see cref="UpdateQuotaClass"/>), or why the conductor refused.</summary>
    Task<QueryResult<QuotaClassSet>> AskQuotaClassAsync<T>(T request, CancellationToken cancellationToken = default)
        where T : class, IQuotaClassRequest;

    /// <summary>
    /// The workers heard from within <paramref name="duration"/>: the latest heartbeat of each host.
    /// Zun has no hosts query yet; every worker sends a heartbeat every few seconds (5 by default).
    /// </summary>
    Task<IReadOnlyList<WorkerHeartbeat>> ListenForHeartbeatsAsync(TimeSpan duration, CancellationToken cancellationToken = default);
}
