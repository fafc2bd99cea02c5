using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence;
using Zun.Contracts;

namespace Zun.Conductor.Quotas;

/// <summary>
/// Projects' quotas in the saga store: their limits (the project's own, else the <c>default</c> class's, else
/// <c>Zun:Quota</c>), and what their containers hold, taken and given back with each container's create, update and
/// delete. A project's record is written in its turn (<see cref="DocumentTurns{TRecord}"/>), so a check and the hold
/// it allows are one write.
/// </summary>
internal sealed class ProjectQuotas : IDisposable
{
    /// <summary>How long the <c>default</c> class read from the store serves other conductors' checks; this conductor's own changes apply at once.</summary>
    private static readonly TimeSpan DefaultClassAge = TimeSpan.FromSeconds(1);

    private readonly ISagaDocumentStore<ProjectQuotaRecord> _projects;
    private readonly ISagaDocumentStore<QuotaClassRecord> _classes;
    private readonly IOptions<QuotaOptions> _options;
    private readonly TimeProvider _clock;
    private readonly DocumentTurns<ProjectQuotaRecord> _projectTurns;
    private readonly DocumentTurns<QuotaClassRecord> _classTurns;
    private volatile DefaultClassRead? _defaultClass;

    public ProjectQuotas(ISagaDocumentStore<ProjectQuotaRecord> projects, ISagaDocumentStore<QuotaClassRecord> classes, IOptions<QuotaOptions> options, TimeProvider clock)
    {
        _projects = projects;
        _classes = classes;
        _options = options;
        _clock = clock;
        _projectTurns = new DocumentTurns<ProjectQuotaRecord>(projects, written: _ => { }, deleted: _ => { });
        _classTurns = new DocumentTurns<QuotaClassRecord>(classes, written: record =>
        {
            if (record.Name == QuotaClassRecord.DefaultClass)
                _defaultClass = new DefaultClassRead(_clock.GetUtcNow(), record.Limits);
        }, deleted: _ => _defaultClass = null);
    }

    /// <summary>Counts the container against its project's quotas if it fits; null when it is counted (also when it was already), otherwise the refusal.</summary>
    public async Task<string?> TryHoldAsync(string? project, QuotaHolding holding, CancellationToken cancellationToken)
    {
        var defaults = await DefaultsAsync(cancellationToken);
        return await ChangeProject(project, record => record.TryHold(holding, QuotaLimitSets.Merge(record.Limits, defaults)), cancellationToken);
    }

    /// <summary>Gives the container's holding a new cpu and memory if the growth fits; null when it has it (or holds nothing), otherwise the refusal.</summary>
    public async Task<string?> TryResizeAsync(string? project, Guid containerId, double cpu, int memoryMb, CancellationToken cancellationToken)
    {
        var defaults = await DefaultsAsync(cancellationToken);
        return await ChangeProject(project, record => record.TryResize(containerId, cpu, memoryMb, QuotaLimitSets.Merge(record.Limits, defaults)), cancellationToken);
    }

    public Task ReleaseAsync(string? project, Guid containerId, CancellationToken cancellationToken) =>
        ChangeProject(project, record => record.Release(containerId), cancellationToken);

    public async Task<QuotaSet> GetAsync(string? project, bool includeUsage, CancellationToken cancellationToken)
    {
        var defaults = await DefaultsAsync(cancellationToken);
        var record = await _projects.LoadAsync(ProjectQuotaRecord.IdOf(project), cancellationToken) ?? ProjectQuotaRecord.For(project);
        return new QuotaSet { ProjectId = project, Limits = QuotaLimitSets.Merge(record.Limits, defaults), Usage = includeUsage ? record.Usage : null };
    }

    /// <summary>The limits of a project that sets none of its own.</summary>
    public async Task<QuotaLimits> DefaultsAsync(CancellationToken cancellationToken)
    {
        if (_defaultClass is not { } read || _clock.GetUtcNow() - read.ReadAt >= DefaultClassAge)
        {
            var stored = await _classes.LoadAsync(QuotaClassRecord.IdOf(QuotaClassRecord.DefaultClass), cancellationToken);
            _defaultClass = read = new DefaultClassRead(_clock.GetUtcNow(), stored?.Limits ?? new QuotaLimits());
        }

        return QuotaLimitSets.Merge(read.Limits, QuotaLimitSets.Of(_options.Value));
    }

    public async Task<QuotaSet> UpdateAsync(string? project, QuotaLimits change, CancellationToken cancellationToken)
    {
        await ChangeProject(project, record =>
        {
            record.Limit(change);
            return true;
        }, cancellationToken);
        return await GetAsync(project, includeUsage: false, cancellationToken);
    }

    /// <summary>Removes the project's own limits (its containers stay counted) and returns the limits that hold now.</summary>
    public async Task<QuotaSet> DeleteAsync(string? project, CancellationToken cancellationToken)
    {
        await ChangeProject(project, record =>
        {
            record.ClearLimits();
            return true;
        }, cancellationToken);
        return await GetAsync(project, includeUsage: false, cancellationToken);
    }

    /// <summary>A class's limits: its own, and the configured ones where it sets none.</summary>
    public async Task<QuotaClassSet> GetClassAsync(string name, CancellationToken cancellationToken)
    {
        var stored = await _classes.LoadAsync(QuotaClassRecord.IdOf(name), cancellationToken);
        return ClassSet(name, stored?.Limits ?? new QuotaLimits());
    }

    public async Task<QuotaClassSet> UpdateClassAsync(string name, QuotaLimits change, CancellationToken cancellationToken)
    {
        var limits = await _classTurns.ChangeAsync(QuotaClassRecord.IdOf(name), () => QuotaClassRecord.For(name), record =>
        {
            record.Limit(change);
            return record.Limits;
        }, cancellationToken);
        return ClassSet(name, limits);
    }

    public void Dispose()
    {
        _projectTurns.Dispose();
        _classTurns.Dispose();
    }

    private QuotaClassSet ClassSet(string name, QuotaLimits own) =>
        new() { ClassName = name, Limits = QuotaLimitSets.Merge(own, QuotaLimitSets.Of(_options.Value)) };

    private Task<TResult> ChangeProject<TResult>(string? project, Func<ProjectQuotaRecord, TResult> change, CancellationToken cancellationToken) =>
        _projectTurns.ChangeAsync(ProjectQuotaRecord.IdOf(project), () => ProjectQuotaRecord.For(project), change, cancellationToken);

    private sealed record DefaultClassRead(DateTimeOffset ReadAt, QuotaLimits Limits);
}
