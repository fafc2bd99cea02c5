using MassTransit;
using Zun.Contracts;

namespace Zun.Conductor.Quotas;

/// <summary>
/// Quota questions and changes. A project's quotas are answered for whom the request acts for (the API has checked that
/// the caller may ask); changes, and anything about classes, only for a caller acting for every project.
/// </summary>
internal sealed class QuotaRequestConsumer(ProjectQuotas quotas) :
    IConsumer<GetQuota>, IConsumer<GetDefaultQuota>, IConsumer<UpdateQuota>, IConsumer<DeleteQuota>, IConsumer<GetQuotaClass>, IConsumer<UpdateQuotaClass>
{
    private const int MaxClassNameLength = 255;

    public async Task Consume(ConsumeContext<GetQuota> context) =>
        await context.RespondAsync(await quotas.GetAsync(context.Message.ProjectId, context.Message.IncludeUsage, context.CancellationToken));

    public async Task Consume(ConsumeContext<GetDefaultQuota> context) =>
        await context.RespondAsync(new QuotaSet { ProjectId = context.Message.ProjectId, Limits = await quotas.DefaultsAsync(context.CancellationToken) });

    public async Task Consume(ConsumeContext<UpdateQuota> context)
    {
        var request = context.Message;
        if ((ChangeRefusal(request, "change a project's quotas") ?? QuotaLimitSets.Invalid(request.Limits)) is { } refusal)
            await context.RespondAsync(new RequestRejected { Reason = refusal });
        else
            await context.RespondAsync(await quotas.UpdateAsync(request.ProjectId, request.Limits, context.CancellationToken));
    }

    public async Task Consume(ConsumeContext<DeleteQuota> context)
    {
        var request = context.Message;
        if (ChangeRefusal(request, "delete a project's quotas") is { } refusal)
            await context.RespondAsync(new RequestRejected { Reason = refusal });
        else
            await context.RespondAsync(await quotas.DeleteAsync(request.ProjectId, context.CancellationToken));
    }

    public async Task Consume(ConsumeContext<GetQuotaClass> context)
    {
        var request = context.Message;
        if ((ChangeRefusal(request, "read quota classes") ?? ClassNameRefusal(request.ClassName)) is { } refusal)
            await context.RespondAsync(new RequestRejected { Reason = refusal });
        else
            await context.RespondAsync(await quotas.GetClassAsync(request.ClassName.Trim(), context.CancellationToken));
    }

    public async Task Consume(ConsumeContext<UpdateQuotaClass> context)
    {
        var request = context.Message;
        if ((ChangeRefusal(request, "change quota classes") ?? ClassNameRefusal(request.ClassName) ?? QuotaLimitSets.Invalid(request.Limits)) is { } refusal)
            await context.RespondAsync(new RequestRejected { Reason = refusal });
        else
            await context.RespondAsync(await quotas.UpdateClassAsync(request.ClassName.Trim(), request.Limits, context.CancellationToken));
    }

    private static string? ChangeRefusal(ICallerScope caller, string what) =>
        caller.AllProjects ? null : $"only a caller acting for every project (an administrator) may {what}";

    private static string? ClassNameRefusal(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "className must name a quota class"
        : name.Trim().Length > MaxClassNameLength ? $"className must be at most {MaxClassNameLength} characters, got {name.Trim().Length}"
        : null;
}
