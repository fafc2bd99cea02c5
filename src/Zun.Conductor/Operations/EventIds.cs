using System.Security.Cryptography;
using System.Text;

namespace Zun.Conductor.Operations;

/// <summary>
/// Message ids for operation events, derived from the operation and the kind of event (a name-based UUID on SHA-256, version 8 as RFC 9562 describes it):
/// an event produced again after a crash (a redelivered message's replay) carries the id it had the first time, so a
/// subscriber that has seen the id has seen the event, as with any message the broker delivers twice.
/// </summary>
internal static class EventIds
{
    private static readonly Guid Namespace = new("7a1c7e52-3f0e-4f55-9d9b-5c2f4a8e0b61");

    public static Guid For(Guid operationId, string eventKind)
    {
        Span<byte> name = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(eventKind.Length)];
        operationId.TryWriteBytes(name, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(eventKind, name[16..]);

        Span<byte> input = stackalloc byte[16 + length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name[..length].CopyTo(input[16..]);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
