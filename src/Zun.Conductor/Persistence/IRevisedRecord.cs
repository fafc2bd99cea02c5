using MassTransit;

namespace Zun.Conductor.Persistence;

/// <summary>A stored record that counts the changes made to it since it was read, so that a writer knows whether to write.</summary>
public interface IRevisedRecord : ISagaVersion
{
    /// <summary>Changes applied since the record was read or created; not stored.</summary>
    int Revisions { get; }
}
