using System.CommandLine;

namespace Zun.Cli.Commands;

/// <summary>The options every command that publishes a Zun command has.</summary>
internal sealed class OperationOptions
{
    public Option<bool> Wait { get; } = new("--wait", "-W")
    {
        Description = "Wait for the outcome and exit non-zero unless it completed (progress is shown on a terminal); without it, "
            + "wait only until the conductor accepts or rejects the command",
    };

    public Option<bool> NoWait { get; } = new("--no-wait")
    {
        Description = "Publish the command and return at once, without waiting to hear whether the conductor accepted it",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print only the id (the container's, or the operation's for pulls)",
    };

    public Option<string?> User { get; } = new("--user")
    {
        Description = "User to act as [default: Zun__Client__UserId, else the login name]",
    };

    public Option<Guid?> OperationId { get; } = new("--operation-id")
    {
        Description = "Idempotency key: resending a command with the same id applies it once [default: a new id]",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Wait);
        command.Options.Add(NoWait);
        command.Options.Add(Quiet);
        command.Options.Add(User);
        command.Options.Add(OperationId);
    }
}
