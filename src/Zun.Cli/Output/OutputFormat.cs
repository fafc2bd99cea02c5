namespace Zun.Cli.Output;

/// <summary><c>--format</c>: tables for people, JSON (camelCase, the contract shapes) for programs.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
