using Zun.Persistence.Tests.Sqlite;

namespace Zun.Persistence.Tests;

/// <summary>
/// xUnit's entry point, plus one mode of our own: <c>--sqlite-contender</c> makes this executable a second
/// conductor process updating a saga in a SQLite file, for the test that two processes lose no update.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is [SqliteContender.Verb, .. var contenderArgs])
            return SqliteContender.Run(contenderArgs).GetAwaiter().GetResult();

        if (args.Any(arg => arg is "--server" or "--internal-msbuild-node"))
            return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
