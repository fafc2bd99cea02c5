using System.Text.Json.Serialization;

namespace Zun.Contracts;

/// <summary>What an operation does. New actions are only ever appended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContainerAction>))]
public enum ContainerAction
{
    Create,
    Start,
    Stop,
    Kill,
    Delete,
    PullImage,
    Restart,
    Pause,
    Unpause,
    Update,
    Rename,
    Commit,
    Rebuild,
    Exec,
    Logs,
    Top,
    Stats,
    RunJob,
    CancelJob,
}
