using System.CommandLine;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary>
/// <c>zun quota show|defaults|update|delete</c> and <c>zun quota class show|update</c>: projects' quotas, as upstream's
/// quota verbs. A project's quotas are shown to that project; changes and classes act for every project (an operator's),
/// which a publisher the conductor knows as one project's may not do.
/// </summary>
internal static class QuotaCommands
{
    public static Command Build(CommandKit kit)
    {
        var quota = new Command("quota", "Projects' quotas (containers, cpu, memory, disk) and quota classes");
        quota.Subcommands.Add(Show(kit));
        quota.Subcommands.Add(Ask(kit, "defaults", "Show the limits of a project that sets none of its own (the default class's, else the configured ones)",
            (project, _) => new GetDefaultQuota { ProjectId = project }));
        var limits = new LimitOptions();
        quota.Subcommands.Add(Ask(kit, "update", "Set limits of the project (-1 lifts one); those not given stay as they are",
            (project, invocation) => new UpdateQuota { ProjectId = project, AllProjects = true, Limits = limits.From(invocation) }, limits.All));
        quota.Subcommands.Add(Ask(kit, "delete", "Remove the project's own limits: the defaults hold for it again",
            (project, _) => new DeleteQuota { ProjectId = project, AllProjects = true }));
        quota.Subcommands.Add(Classes(kit));
        return quota;
    }

    private static Command Show(CommandKit kit)
    {
        var usages = new Option<bool>("--usages") { Description = "Also what the project's containers hold now" };
        return Ask(kit, "show", "Show the limits that hold for the project", (project, invocation) =>
            new GetQuota { ProjectId = project, IncludeUsage = invocation.Get(usages) }, usages);
    }

    private static Command Classes(CommandKit kit)
    {
        var classes = new Command("class", "Quota classes: 'default' gives the limits of every project that sets none of its own");
        var show = new Command("show", "Show a quota class's limits");
        var name = ClassName();
        show.Arguments.Add(name);
        kit.SetAction(show, (invocation, cancellationToken) =>
            AnswerClass(invocation, new GetQuotaClass { ClassName = invocation.Get(name), AllProjects = true }, cancellationToken));

        var update = new Command("update", "Set limits of a quota class (-1 lifts one); those not given stay as they are");
        var updated = ClassName();
        var limits = new LimitOptions();
        update.Arguments.Add(updated);
        foreach (var option in limits.All)
            update.Options.Add(option);
        kit.SetAction(update, (invocation, cancellationToken) =>
            AnswerClass(invocation, new UpdateQuotaClass { ClassName = invocation.Get(updated), AllProjects = true, Limits = limits.From(invocation) }, cancellationToken));

        classes.Subcommands.Add(show);
        classes.Subcommands.Add(update);
        return classes;
    }

    private static Argument<string> ClassName() => new("name") { Description = "The quota class ('default', or any other name)" };

    private static Command Ask<T>(CommandKit kit, string name, string description, Func<string?, Invocation, T> request, params Option[] options)
        where T : class, IQuotaRequest
    {
        var verb = new Command(name, description);
        var project = new Argument<string?>("project") { Description = "The project [default: the one --project acts for]", Arity = ArgumentArity.ZeroOrOne };
        verb.Arguments.Add(project);
        foreach (var option in options)
            verb.Options.Add(option);
        kit.SetAction(verb, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            var answer = await client.AskQuotaAsync(request(invocation.Get(project), invocation), cancellationToken);
            invocation.Output.Quota(Found(answer));
            return ExitCodes.Success;
        });
        return verb;
    }

    private static async Task<int> AnswerClass<T>(Invocation invocation, T request, CancellationToken cancellationToken)
        where T : class, IQuotaClassRequest
    {
        var client = await invocation.ClientAsync(cancellationToken);
        invocation.Output.QuotaClass(Found(await client.AskQuotaClassAsync(request, cancellationToken)));
        return ExitCodes.Success;
    }

    private static T Found<T>(QueryResult<T> answer)
        where T : class =>
        answer.Found ? answer.Value! : throw new CliException(ExitCodes.Rejected, answer.Reason ?? "refused");

    /// <summary>The options that set limits, upstream's names: --containers, --cpu (cores), --memory (MiB), --disk (GiB).</summary>
    private sealed class LimitOptions
    {
        private readonly Option<int?> _containers = new("--containers") { Description = "Containers the project may have" };
        private readonly Option<int?> _cpu = new("--cpu") { Description = "Cores its containers may claim in all" };
        private readonly Option<int?> _memory = new("--memory") { Description = "MiB its containers may claim in all" };
        private readonly Option<int?> _disk = new("--disk") { Description = "GiB of disk its containers may claim in all" };

        public Option[] All => [_containers, _cpu, _memory, _disk];

        public QuotaLimits From(Invocation invocation) => new()
        {
            Containers = invocation.Get(_containers),
            Cpu = invocation.Get(_cpu),
            MemoryMb = invocation.Get(_memory),
            DiskGb = invocation.Get(_disk),
        };
    }
}
