namespace Zun.Conductor.Validation;

/// <summary>A row of the state table: an action as OpenStack Zun's VALID_STATES names it.</summary>
internal enum ContainerRule
{
    Start,
    Stop,
    Reboot,
    Rebuild,
    Pause,
    Kill,
    Execute,
    Resize,
    Top,
    Stats,
    Attach,
    Unpause,
    Commit,
    Update,
    ResizeContainer,
    GetArchive,
    PutArchive,
    Logs,
    Delete,
    DeleteWithStop,
    DeleteWithForce,
}
