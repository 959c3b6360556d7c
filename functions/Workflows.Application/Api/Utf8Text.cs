using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Workflows.Application.Api;

/// <summary>Checks bytes are UTF-8 before they are parsed (invalid bytes must not reach the JSON or CSV reader).</summary>
public static class Utf8Text
{
    /// <summary>The UTF-8 byte order mark, which some tools (spreadsheets) put before a CSV or JSON body.</summary>
    public static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Offset of the first byte that is not part of valid UTF-8, or -1.</summary>
    public static long FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    public static string InvalidMessage(long offset) => $"The body is not valid UTF-8 (byte {offset + 1}).";
}
