using System.Text.Json.Serialization;

namespace Zun.Contracts;

/// <summary>Where an operation is in its life. Completed, Failed, Rejected and TimedOut are terminal.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperationState>))]
public enum OperationState
{
    Accepted,
    Dispatched,
    Completed,
    Failed,
    Rejected,
    TimedOut,
}
