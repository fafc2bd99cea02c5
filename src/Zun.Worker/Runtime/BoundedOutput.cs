using System.Text;
using Docker.DotNet;

namespace Zun.Worker.Runtime;

/// <summary>
/// Output of a container read into at most a fixed number of bytes, keeping either the first bytes (an exec's answer)
/// or the last ones (logs, where the newest matter). Docker frames stdout and stderr in one stream when there is no
/// TTY; <see cref="MultiplexedStream"/> takes the frames apart and both streams land here in the order written.
/// </summary>
internal sealed class BoundedOutput(int limit, BoundedOutput.Keep keep)
{
    // Keep.First fills it from the start; Keep.Last uses it as a ring whose oldest byte is at _start.
    private byte[] _buffer = [];
    private int _start;
    private int _length;

    public enum Keep
    {
        First,
        Last,
    }

    /// <summary>Output beyond the limit was dropped.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Reads <paramref name="stream"/> to its end. Past the limit it keeps reading, so the writer is never blocked on a full pipe.</summary>
    public async Task CopyFromAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(chunk, 0, chunk.Length, cancellationToken);
            if (read.EOF || read.Count == 0)
                return;
            Append(chunk.AsSpan(0, read.Count));
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > limit - _length)
            Truncated = true;

        if (keep == Keep.First)
        {
            bytes = bytes[..Math.Min(bytes.Length, limit - _length)];
            Grow(_length + bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
            return;
        }

        if (bytes.Length >= limit)
        {
            Grow(limit);
            bytes[^limit..].CopyTo(_buffer);
            (_start, _length) = (0, limit);
            return;
        }

        Grow(Math.Min(limit, _length + bytes.Length));
        foreach (var b in bytes)
        {
            // Byte by byte is simple and fast enough for output bounded to a few MiB.
            if (_length < _buffer.Length)
            {
                _buffer[(_start + _length) % _buffer.Length] = b;
                _length++;
            }
            else
            {
                _buffer[_start] = b;
                _start = (_start + 1) % _buffer.Length;
            }
        }
    }

    public override string ToString()
    {
        var bytes = new byte[_length];
        var firstPart = Math.Min(_length, _buffer.Length - _start);
        _buffer.AsSpan(_start, firstPart).CopyTo(bytes);
        _buffer.AsSpan(0, _length - firstPart).CopyTo(bytes.AsSpan(firstPart));

        var text = bytes.AsSpan();
        if (Truncated)
            text = keep == Keep.First ? WithoutSplitCharacterAtEnd(text) : FromFirstWholeLine(text);
        return Encoding.UTF8.GetString(text);
    }

    /// <summary>Grows the buffer towards <paramref name="needed"/> bytes. A ring only grows while it has not wrapped.</summary>
    private void Grow(int needed)
    {
        if (needed <= _buffer.Length)
            return;

        var grown = new byte[Math.Min(limit, Math.Max(needed, _buffer.Length * 2))];
        var firstPart = Math.Min(_length, _buffer.Length - _start);
        _buffer.AsSpan(_start, firstPart).CopyTo(grown);
        _buffer.AsSpan(0, _length - firstPart).CopyTo(grown.AsSpan(firstPart));
        (_buffer, _start) = (grown, 0);
    }

    /// <summary>The cut may fall inside a UTF-8 sequence; drop its lead bytes rather than decode them as garbage.</summary>
    private static Span<byte> WithoutSplitCharacterAtEnd(Span<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0b1100_0000) == 0b1000_0000)
                continue; // a continuation byte: look further back for the lead byte
            var length = b >= 0b1111_0000 ? 4 : b >= 0b1110_0000 ? 3 : b >= 0b1100_0000 ? 2 : 1;
            return length > back ? bytes[..^back] : bytes;
        }

        return bytes;
    }

    /// <summary>Kept from the end, the first line is usually a fragment: start at the next whole line when there is one.</summary>
    private static Span<byte> FromFirstWholeLine(Span<byte> bytes)
    {
        var newline = bytes.IndexOf((byte)'\n');
        return newline >= 0 && newline < bytes.Length - 1 ? bytes[(newline + 1)..] : bytes;
    }
}
