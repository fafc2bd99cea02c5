namespace Zun.ResilienceTests.Infrastructure;

/// <summary>
/// Tests of known bugs are skipped, with the bug in the skip reason, unless ZUN_TEST_KNOWN_BUGS=1: set it to see
/// whether a fix makes them pass.
/// </summary>
public static class KnownBugs
{
    public static bool Reproduce => Environment.GetEnvironmentVariable("ZUN_TEST_KNOWN_BUGS") == "1";
}
