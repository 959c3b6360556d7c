using System.Security.Cryptography;
using System.Text;

namespace Workflows.Application.Signals;

/// <summary>
/// A signal's instance id follows from who sent it and their reference: <c>sig-</c> and the first 26
/// characters (130 bits) of the lower-case base32 of SHA-256(corporation id, newline, external reference).
/// A resubmission therefore finds the same instance (idempotent intake), and the id reveals nothing.
/// </summary>
internal static class SignalIds
{
    public const string Prefix = "sig-";
    private const int HashLength = 26;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly System.Buffers.SearchValues<char> Base32Chars = System.Buffers.SearchValues.Create(Alphabet);

    public static string For(string corporationId, string externalReference)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{corporationId}\n{externalReference}"));
        return Prefix + Base32(hash)[..HashLength];
    }

    /// <summary>True for a string of the shape <see cref="For"/> makes (anything else cannot be a signal).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 30 } && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(Prefix.Length).IndexOfAnyExcept(Base32Chars) < 0;

    private static string Base32(byte[] bytes)
    {
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
