namespace Zun.Worker.Runtime;

/// <summary>What <see cref="IContainerRuntime.CreateAsync"/> did.</summary>
public enum CreateResult
{
    /// <summary>The container was created.</summary>
    Created,

    /// <summary>A container of this id exists already (a redelivered create); nothing was changed.</summary>
    AlreadyExists,

    /// <summary>The image is not on the host; nothing was created.</summary>
    ImageMissing,
}
