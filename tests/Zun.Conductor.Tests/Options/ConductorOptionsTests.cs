using System.ComponentModel.DataAnnotations;
using Zun.Conductor.Options;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Options;

/// <summary>The deadlines the conductor computes from its options and an operation's own timeout.</summary>
public sealed class ConductorOptionsTests
{
    [Fact]
    public void A_stop_deadline_is_the_stop_deadline_plus_the_stop_timeout_even_for_the_largest_timeout()
    {
        var options = new ConductorOptions();

        var deadline = options.DeadlineFor(ContainerAction.Stop, int.MaxValue);

        Assert.Equal(TimeSpan.FromSeconds(options.DefaultOperationDeadlineSeconds + (long)int.MaxValue), deadline);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(86_401)]
    public void A_per_action_deadline_outside_1_to_86400_seconds_is_refused_naming_the_action(int seconds)
    {
        var options = new ConductorOptions { OperationDeadlineSeconds = { ["Stop"] = seconds } };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("OperationDeadlineSeconds:Stop", StringComparison.Ordinal));
    }
}
