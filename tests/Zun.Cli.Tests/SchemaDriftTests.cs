using Zun.Cli.Tests.Infrastructure;
using Zun.SchemaGen;

namespace Zun.Cli.Tests;

/// <summary>docs/schemas is what tools/Zun.SchemaGen makes of the contracts today, file for file.</summary>
public sealed class SchemaDriftTests
{
    private const string Regenerate = "regenerate with: dotnet run --project tools/Zun.SchemaGen (and commit docs/schemas)";

    private static string SchemaDirectory => Path.Combine(Repository.Root, "docs", "schemas");

    [Fact]
    public void Every_command_has_its_schema_in_docs_schemas_exactly_as_generated()
    {
        var generated = CommandSchemas.Generate();

        foreach (var (name, schema) in generated)
        {
            var path = Path.Combine(SchemaDirectory, name);
            Assert.True(File.Exists(path), $"docs/schemas/{name} is missing; {Regenerate}");
            Assert.True(File.ReadAllText(path) == schema, $"docs/schemas/{name} differs from the contract; {Regenerate}");
        }
    }

    [Fact]
    public void Docs_schemas_holds_no_schema_of_a_command_that_is_gone()
    {
        var generated = CommandSchemas.Generate().Keys.ToHashSet(StringComparer.Ordinal);

        var stale = Directory.GetFiles(SchemaDirectory, "*.schema.json").Select(Path.GetFileName).Where(f => !generated.Contains(f!)).ToList();

        Assert.True(stale.Count == 0, $"docs/schemas has files no command makes: {string.Join(", ", stale)}; delete them and {Regenerate}");
    }

    [Fact]
    public void The_schemas_cover_the_fifteen_commands()
    {
        Assert.Equal(
            ["CancelJob", "CommitContainer", "CreateContainer", "DeleteContainer", "KillContainer", "PauseContainer", "PullImage", "RebuildContainer",
             "RenameContainer", "RestartContainer", "RunJob", "StartContainer", "StopContainer", "UnpauseContainer", "UpdateContainer"],
            CommandSchemas.Commands.Select(t => t.Name).Order(StringComparer.Ordinal));
    }
}
