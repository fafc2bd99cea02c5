using System.Text.Json.Serialization;

namespace Zun.Client;

/// <summary>How a query about one container or operation was answered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QueryStatus>))]
public enum QueryStatus
{
    /// <summary>The answer carries what was asked for.</summary>
    Found,

    /// <summary>Zun has no record of the container or operation.</summary>
    NotFound,

    /// <summary>The request could not be answered, for a reason (for example the container is not running).</summary>
    Rejected,
}
