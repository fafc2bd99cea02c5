using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Zun.Cli.Output;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary>What the commands share: the global options, connecting, running an operation and mapping failures to exit codes.</summary>
internal sealed class CommandKit(
    CliConsole console,
    IConfiguration configuration,
    Func<ZunClientOptions, CancellationToken, Task<IZunClient>> connect)
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "RabbitMQ URL with credentials and virtual host [default: Zun__RabbitMq__Url, else amqp://guest:guest@localhost:5672/]",
        Recursive = true,
    };

    public Option<string> Format { get; } = CreateFormat();

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for an outcome (--wait) or an answer [default: 120 for outcomes, 30 for queries]",
        Recursive = true,
    };

    public Option<string?> Project { get; } = new("--project")
    {
        Description = "Project to act for, on every command and question: another project's containers are not found "
            + "[default: ZUN_PROJECT_ID, else Zun__Client__ProjectId, else none]",
        Recursive = true,
    };

    public Option<bool> AllProjects { get; } = new("--all-projects")
    {
        Description = "Act for every project (an operator's); zun list then lists every project's containers, or --project's",
        Recursive = true,
    };

    public Option<double> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the connection to RabbitMQ",
        DefaultValueFactory = _ => 10,
        Recursive = true,
    };

    public void AddGlobalOptions(RootCommand root)
    {
        root.Options.Add(Url);
        root.Options.Add(Format);
        root.Options.Add(Timeout);
        root.Options.Add(ConnectTimeout);
        root.Options.Add(Project);
        root.Options.Add(AllProjects);
    }

    public static Argument<string> ContainerArgument() => new("container") { Description = "Container id, name, or id prefix (as zun list shows)" };

    /// <summary>Runs the action with a client, turning every way it can end into an exit code and a one-line reason.</summary>
    public void SetAction(Command command, Func<Invocation, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var invocation = CreateInvocation(parse);
            try
            {
                return await action(invocation, cancellationToken);
            }
            catch (CliException e)
            {
                console.Fail(e.Message);
                return e.ExitCode;
            }
            catch (ZunConnectionException e)
            {
                console.Fail(e.Message);
                return ExitCodes.UsageOrConnection;
            }
            catch (ZunTimeoutException e)
            {
                console.Fail(e.OperationId is { } id ? $"{e.Message} (zun operation show {id})" : e.Message);
                return ExitCodes.TimedOut;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.Fail("interrupted");
                return ExitCodes.Interrupted;
            }
            catch (ArgumentException e)
            {
                console.Fail(e.Message);
                return ExitCodes.UsageOrConnection;
            }
            catch (MassTransitException e)
            {
                // The broker went away mid-command, or refused a publish.
                console.Fail($"RabbitMQ: {e.GetBaseException().Message}");
                return ExitCodes.UsageOrConnection;
            }
        });

    /// <summary>
    /// Publishes a command and waits until the conductor accepts or rejects it (a rejection exits 2 with the reason); with
    /// --wait, waits for its outcome (showing progress on a terminal) and reports it; with --no-wait, only publishes.
    /// </summary>
    public async Task<int> RunOperation(Invocation invocation, OperationOptions options, object command, Guid operationId, ContainerRef? container, CancellationToken cancellationToken)
    {
        var client = await invocation.ClientAsync(cancellationToken);
        var quiet = invocation.Get(options.Quiet);
        if (invocation.Get(options.Wait) && invocation.Get(options.NoWait))
            throw new CliException(ExitCodes.UsageOrConnection, "--wait and --no-wait cannot be given together");

        if (invocation.Get(options.NoWait))
        {
            var published = await client.PublishAsync(command, cancellationToken);
            if (quiet)
                console.Out.WriteLine(published.ContainerId ?? published.OperationId);
            else
                invocation.Output.Published(published);
            return ExitCodes.Success;
        }

        if (!invocation.Get(options.Wait))
            return ReportAcceptance(invocation, await Submit(client, command, invocation.Timeout, operationId, cancellationToken), container, quiet);

        var wait = new WaitOptions { Timeout = invocation.Timeout };
        OperationOutcome outcome;
        try
        {
            outcome = console.IsTerminal && !invocation.Output.IsJson && !quiet
                ? await WaitWithProgress(client, command, wait, Title(command, container), cancellationToken)
                : await client.ExecuteAsync(command, wait, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Interrupted,
                $"interrupted; operation {operationId} goes on without this client (zun operation show {operationId})");
        }

        return Report(invocation, outcome, container, quiet);
    }

    private static async Task<OperationAcceptance> Submit(
        IZunClient client, object command, TimeSpan? timeout, Guid operationId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SubmitAsync(command, timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Interrupted,
                $"interrupted; operation {operationId} may still be accepted without this client (zun operation show {operationId})");
        }
    }

    /// <summary>Prints an acceptance (exit 0) or a rejection with its reason (exit 2, as a rejected outcome).</summary>
    private int ReportAcceptance(Invocation invocation, OperationAcceptance acceptance, ContainerRef? container, bool quiet)
    {
        if (!acceptance.Accepted)
        {
            if (invocation.Output.IsJson)
                invocation.Output.Acceptance(acceptance, container?.Name);
            console.Fail($"{acceptance.Action.ToString().ToLowerInvariant()} rejected: {acceptance.Reason}");
            return ExitCodes.Rejected;
        }

        if (quiet)
            console.Out.WriteLine(acceptance.ContainerId ?? acceptance.OperationId);
        else
            invocation.Output.Acceptance(acceptance, container?.Name);
        return ExitCodes.Success;
    }

    /// <summary>Prints an outcome and says what to exit with: 0 completed, 1 failed, 2 rejected, 3 timed out.</summary>
    public int Report(Invocation invocation, OperationOutcome outcome, ContainerRef? container, bool quiet)
    {
        if (outcome.Succeeded)
        {
            if (quiet)
                console.Out.WriteLine(outcome.ContainerId ?? outcome.OperationId);
            else
                invocation.Output.Outcome(outcome, container?.Name);
            return ExitCodes.Success;
        }

        if (invocation.Output.IsJson)
            invocation.Output.Outcome(outcome, container?.Name);

        var action = outcome.Action.ToString().ToLowerInvariant();
        var status = outcome.Status is { } s ? $" (status {s})" : "";
        var (verb, code) = outcome.State switch
        {
            OperationState.Rejected => ("rejected", ExitCodes.Rejected),
            OperationState.TimedOut => ("timed out", ExitCodes.TimedOut),
            _ => ("failed", ExitCodes.Failed),
        };
        console.Fail($"{action} {verb}: {outcome.Reason}{status}");
        return code;
    }

    /// <summary>Resolves a container argument to its id (a full id needs no query).</summary>
    public static async Task<ContainerRef> Resolve(Invocation invocation, Argument<string> argument, CancellationToken cancellationToken) =>
        await ContainerResolver.ResolveAsync(await invocation.ClientAsync(cancellationToken), invocation.Get(argument), cancellationToken);

    /// <summary>A query's answer, or the exit: not found (5) or rejected (2), with the reason.</summary>
    public static T Answer<T>(QueryResult<T> result, string what)
        where T : class =>
        result.Status switch
        {
            QueryStatus.Found when result.Value is not null => result.Value,
            QueryStatus.Rejected => throw new CliException(ExitCodes.Rejected, $"{what} rejected: {result.Reason}"),
            _ => throw new CliException(ExitCodes.NotFound, result.Reason ?? $"{what}: not found"),
        };

    /// <summary>The user the client stamps on the commands it publishes (the project is every invocation's, from the global options).</summary>
    public void ActFor(Invocation invocation, OperationOptions options) =>
        invocation.ClientOptions.UserId = invocation.Get(options.User) ?? configuration["Zun:Client:UserId"] ?? Environment.UserName;

    private Invocation CreateInvocation(ParseResult parse)
    {
        var seconds = parse.GetValue(Timeout);
        var timeout = seconds is > 0 ? TimeSpan.FromSeconds(seconds.Value) : (TimeSpan?)null;
        var options = new ZunClientOptions
        {
            Url = parse.GetValue(Url) ?? configuration["Zun:RabbitMq:Url"] ?? new ZunClientOptions().Url,
            Hosts = [.. configuration.GetSection("Zun:RabbitMq:Hosts").GetChildren().Select(node => node.Value ?? "")],
            ConnectTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(ConnectTimeout))),
            ProjectId = parse.GetValue(Project) ?? configuration["ZUN_PROJECT_ID"] ?? configuration["Zun:Client:ProjectId"],
            AllProjects = parse.GetValue(AllProjects),
        };
        if (timeout is { } t)
        {
            options.OperationTimeout = t;
            options.QueryTimeout = t;
        }

        var format = string.Equals(parse.GetValue(Format), "json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Table;
        return new Invocation(parse, console, new Renderer(console, format), options, timeout, connect);
    }

    private async Task<OperationOutcome> WaitWithProgress(IZunClient client, object command, WaitOptions wait, string title, CancellationToken cancellationToken)
    {
        var updates = Channel.CreateUnbounded<ZunEvent>(new UnboundedChannelOptions { SingleReader = true });
        return await console.Ansi.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(title), async status =>
        {
            var run = client.ExecuteAsync(command, wait with { Progress = new ChannelProgress(updates.Writer) }, cancellationToken);
            var reading = ShowProgress(status, updates.Reader, title);
            try
            {
                return await run;
            }
            finally
            {
                updates.Writer.TryComplete();
                await reading;
            }
        });
    }

    private async Task ShowProgress(StatusContext status, ChannelReader<ZunEvent> updates, string title)
    {
        await foreach (var update in updates.ReadAllAsync())
        {
            var line = update.Message switch
            {
                ContainerStatusChanged c => $"{c.Status}{(c.TaskState is null ? "" : " · " + Renderer.TaskStateName(c.TaskState))}{(c.Host is null ? "" : " on " + c.Host)}",
                OperationAccepted => "accepted",
                OperationDispatched d => $"dispatched to {d.Host}",
                _ => update.Type,
            };
            status.Status(Markup.Escape($"{title}: {line}"));
            console.Ansi.MarkupLine($"[grey]{Markup.Escape(update.Timestamp.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))}[/] {Markup.Escape(line)}");
        }
    }

    private static string Title(object command, ContainerRef? container)
    {
        var action = command.GetType().Name;
        return container is null ? action : $"{action} {container.Name ?? container.Id.ToString()}";
    }

    private static Option<string> CreateFormat()
    {
        var format = new Option<string>("--format")
        {
            Description = "table for people, json (camelCase, the contract shapes) for programs",
            DefaultValueFactory = _ => "table",
            Recursive = true,
        };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }

    private sealed class ChannelProgress(ChannelWriter<ZunEvent> writer) : IProgress<ZunEvent>
    {
        public void Report(ZunEvent value) => writer.TryWrite(value);
    }
}
