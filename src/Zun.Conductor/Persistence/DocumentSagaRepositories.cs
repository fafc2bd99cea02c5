using MassTransit;

namespace Zun.Conductor.Persistence;

/// <summary>The conductor's own choice: every saga in the configured document store (SQLite or MongoDB).</summary>
public sealed class DocumentSagaRepositories : IConductorSagaRepositories
{
    public static DocumentSagaRepositories Instance { get; } = new();

    private DocumentSagaRepositories()
    {
    }

    public void Use<T>(ISagaRegistrationConfigurator<T> saga)
        where T : class, ISagaVersion =>
        saga.UseZunDocumentRepository();
}
