using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Workflows.Application.Auth;

/// <summary>
/// API keys: <c>wfk_</c> plus 32 random bytes in base64url. Only their SHA-256 is stored; a key has 256 bits
/// of entropy, so a plain (unsalted, fast) hash is safe and lets a key be found by its hash in one point read.
/// </summary>
public static class ApiKeys
{
    public const string HeaderName = "X-Api-Key";

    public const string Prefix = "wfk_";

    private const int KeyBytes = 32;

    /// <summary>Longest value worth a lookup; anything longer is not one of ours.</summary>
    private const int MaxLength = 100;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>A new random key (shown once, never stored).</summary>
    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The hex SHA-256 of a key: its row key in the credentials table.</summary>
    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>True when <paramref name="value"/> has the shape of a key, so garbage never reaches storage.</summary>
    public static bool LooksValid(string? value) =>
        value is { Length: > 4 and <= MaxLength }
        && value.StartsWith(Prefix, StringComparison.Ordinal)
        && !value.AsSpan(Prefix.Length).ContainsAnyExcept(Base64UrlAlphabet);
}
