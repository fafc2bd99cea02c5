using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Hosting;
using Zun.Hosting.Publishers;

namespace Zun.Conductor.Publishers;

/// <summary>Whether a publisher may send a command or query for the projects it names, and if not, the reason it is told.</summary>
internal static class PublisherScope
{
    /// <param name="publisher">Who published it.</param>
    /// <param name="scope">Whom it acts for; null for a request that is about no project (<see cref="ListHosts"/>).</param>
    /// <param name="message">The command or query, as the reason names it (<c>StartContainer</c>).</param>
    /// <returns>Null when the publisher may; otherwise why not.</returns>
    public static string? Problem(Publisher publisher, ICallerScope? scope, string message) => publisher.Role switch
    {
        PublisherRole.Service => null,
        PublisherRole.Project => ProjectProblem(publisher, publisher.ProjectId!, scope, message),
        PublisherRole.Host => $"{publisher.Name} is a Zun host's: a host reports on its containers and sends no commands or queries",
        PublisherRole.Unknown => $"{publisher.Name} is unknown to Zun's policy ({PublisherOptions.Section}:Publishers): nothing it sends is acted on",
        _ => $"{publisher.Name}, and {PublisherOptions.Section}:UnidentifiedPublisher is {PublisherRoles.Reject}",
    };

    private static string? ProjectProblem(Publisher publisher, string project, ICallerScope? scope, string message)
    {
        var may = $"{publisher.Name} may act only for project {Quoted.Value(project)}";
        return scope switch
        {
            null => $"{may}, and {message} is about no one project",
            { AllProjects: true } => $"{may}, and this {message} asks for all projects",
            { ProjectId: null } => $"{may}, and this {message} names no project",
            { ProjectId: var other } when other != project => $"{may}, and this {message} claims project {Quoted.Value(other)}",
            _ => null,
        };
    }
}
