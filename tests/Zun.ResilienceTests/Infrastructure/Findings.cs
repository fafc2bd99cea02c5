using System.Text;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>
/// What a crash test measured and what it found wrong. A crash test checks everything before it fails, so that one
/// run shows every property that broke, and it writes its measurements to the test output and to
/// <c>summary.txt</c> beside the processes' logs, so that repeated runs can be counted.
/// </summary>
public sealed class Findings(ProcessZun zun, string scenario)
{
    private readonly List<string> _problems = [];
    private readonly List<string> _measurements = [];

    public void Measure(string line) => _measurements.Add(line);

    /// <summary>Records a problem when <paramref name="holds"/> is false.</summary>
    public void Check(bool holds, Func<string> problem)
    {
        if (!holds)
            _problems.Add(problem());
    }

    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>Writes the summary, then fails with every problem found, if any.</summary>
    public void AssertNoProblems()
    {
        var summary = new StringBuilder();
        summary.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{scenario}: {(_problems.Count == 0 ? "PASSED" : $"FAILED ({_problems.Count} problems)")}");
        foreach (var line in _measurements)
            summary.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {line}");
        foreach (var problem in _problems)
            summary.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  PROBLEM: {problem}");
        summary.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {zun.Logs}");

        var text = summary.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Directory.CreateDirectory(zun.LogDirectory);
        File.WriteAllText(Path.Combine(zun.LogDirectory, "summary.txt"), text);

        if (_problems.Count > 0)
            Assert.Fail(text);
    }
}
