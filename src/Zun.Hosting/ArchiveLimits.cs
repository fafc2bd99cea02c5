namespace Zun.Hosting;

/// <summary>
/// The most a tar archive can be anywhere in Zun. It travels whole, base64-encoded, in one message, and RabbitMQ 3.x
/// refuses a message above its <c>max_message_size</c> (128 MiB by default), which a publisher's retries then send
/// again and again: 90 MiB encodes to 120 MiB, leaving room for the envelope.
/// </summary>
public static class ArchiveLimits
{
    public const int MaxArchiveBytes = 90 * 1024 * 1024;

    /// <summary>The base64 characters of an archive of <see cref="MaxArchiveBytes"/>.</summary>
    public const int MaxDataCharacters = (MaxArchiveBytes + 2) / 3 * 4;
}
