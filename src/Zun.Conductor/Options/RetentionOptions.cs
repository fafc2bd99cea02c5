using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Options;

/// <summary>
/// <c>Zun:Conductor:Retention</c>: how long the records of finished work are kept. Operation records answer
/// <c>GetOperation</c>; image-pull records recognise a redelivered <c>PullImage</c>. Both would otherwise grow with
/// every operation the conductor ever ran.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Zun:Conductor:Retention";

    /// <summary>How long after an operation or image pull ended its record is kept; 0 keeps records forever.</summary>
    [Range(0, int.MaxValue)]
    public int FinishedRecordSeconds { get; set; } = 14 * 24 * 3600;

    /// <summary>How often the conductor deletes the records past their retention (also once at start).</summary>
    [Range(1, 86_400)]
    public int PurgeIntervalSeconds { get; set; } = 600;

    /// <summary>Records deleted per statement, so that a large purge never holds the store's write lock for long.</summary>
    [Range(1, 100_000)]
    public int PurgeBatchSize { get; set; } = 1000;

    internal bool KeepsForever => FinishedRecordSeconds == 0;

    internal TimeSpan FinishedRecordRetention => TimeSpan.FromSeconds(FinishedRecordSeconds);

    internal TimeSpan PurgeInterval => TimeSpan.FromSeconds(PurgeIntervalSeconds);
}
