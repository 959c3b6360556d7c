using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Workflows.Application.Api;

/// <summary>
/// A large request body copied once to a seekable store (memory up to a threshold, then a temporary file
/// deleted on dispose), checked to be UTF-8 and within a size limit on the way. A bulk route reads it
/// twice: once to check its structure and count its rows (so a body that is refused as a whole stores
/// nothing), then row by row to process it. Memory stays bounded whatever the size.
/// </summary>
public sealed class SpooledBody : IAsyncDisposable
{
    private const int ChunkSize = 64 * 1024;

    private SpooledBody(Stream content, long length)
    {
        Content = content;
        Length = length;
    }

    /// <summary>The body, positioned at its start (after a UTF-8 byte order mark, if any).</summary>
    public Stream Content { get; }

    public long Length { get; }

    /// <summary>Copies <paramref name="body"/>; throws <see cref="SpoolException"/> when it is too large or not UTF-8.</summary>
    public static async Task<SpooledBody> SpoolAsync(Stream body, long maxBytes, int memoryThreshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        Stream store = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize + 4);
        var chars = ArrayPool<char>.Shared.Rent(ChunkSize + 4);
        var kept = false;
        try
        {
            long total = 0;
            var carry = 0; // bytes of a UTF-8 sequence cut off at the end of the previous chunk (already stored)
            while (true)
            {
                var read = await body.ReadAsync(buffer.AsMemory(carry, ChunkSize), cancellationToken);
                var final = read == 0;
                var count = carry + read;
                var nextCarry = Validate(buffer.AsSpan(0, count), chars, total - carry, final);
                if (final)
                {
                    break;
                }

                total += read;
                if (total > maxBytes)
                {
                    throw new SpoolException(SpoolFailure.TooLarge, total);
                }

                if (store is MemoryStream memory && memory.Length + read > memoryThreshold)
                {
                    store = await ToFileAsync(memory, cancellationToken);
                }

                await store.WriteAsync(buffer.AsMemory(carry, read), cancellationToken);
                buffer.AsSpan(count - nextCarry, nextCarry).CopyTo(buffer);
                carry = nextCarry;
            }

            var spooled = new SpooledBody(store, total);
            spooled.Rewind();
            kept = true;
            return spooled;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
            if (!kept)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>Back to the start of the body for another pass.</summary>
    public void Rewind()
    {
        Content.Position = 0;
        Span<byte> head = stackalloc byte[3];
        var read = Content.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        Content.Position = read == 3 && head.SequenceEqual(Utf8Text.Bom) ? 3 : 0;
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    /// <summary>Validates UTF-8; returns how many trailing bytes form an incomplete sequence to carry over.</summary>
    private static int Validate(ReadOnlySpan<byte> bytes, char[] scratch, long offset, bool final)
    {
        var done = 0;
        while (done < bytes.Length)
        {
            var status = Utf8.ToUtf16(bytes[done..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: final);
            done += read;
            switch (status)
            {
                case OperationStatus.Done:
                    return 0;
                case OperationStatus.DestinationTooSmall:
                    continue;
                case OperationStatus.NeedMoreData:
                    return bytes.Length - done;
                default:
                    throw new SpoolException(SpoolFailure.NotUtf8, offset + done);
            }
        }

        return 0;
    }

    private static async Task<Stream> ToFileAsync(MemoryStream memory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"workflows-body-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        memory.Position = 0;
        await memory.CopyToAsync(file, cancellationToken);
        await memory.DisposeAsync();
        return file;
    }
}

/// <summary>Why a body could not be spooled.</summary>
public enum SpoolFailure
{
    TooLarge,
    NotUtf8,
}

/// <summary>The body is over the limit (413) or not UTF-8 (400); <see cref="Offset"/> is where that showed.</summary>
public sealed class SpoolException(SpoolFailure failure, long offset)
    : Exception(failure == SpoolFailure.TooLarge ? "The body is over the size limit." : Utf8Text.InvalidMessage(offset))
{
    public SpoolFailure Failure { get; } = failure;

    public long Offset { get; } = offset;
}
