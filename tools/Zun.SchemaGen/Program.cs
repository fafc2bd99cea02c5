using Zun.SchemaGen;

// dotnet run --project tools/Zun.SchemaGen [-- <output directory>]; the default is the repository's docs/schemas.
var output = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(RepositoryRoot(), "docs", "schemas");
Directory.CreateDirectory(output);
foreach (var (name, schema) in CommandSchemas.Generate())
    File.WriteAllText(Path.Combine(output, name), schema);
Console.WriteLine($"wrote {CommandSchemas.Commands.Count} schemas to {output}");
return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Zun.sln")))
            return dir.FullName;
    }

    throw new InvalidOperationException("Zun.sln not found above the tool; give the output directory as the first argument");
}
