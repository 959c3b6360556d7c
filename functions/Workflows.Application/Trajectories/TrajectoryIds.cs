using System.Security.Cryptography;
using System.Text;

namespace Workflows.Application.Trajectories;

/// <summary>
/// A trajectory's instance id follows from its municipality and the notification's reference: <c>trj-</c> and
/// the first 26 lower-case hex characters of SHA-256(municipality, newline, external reference). A repeated
/// notification finds the same instance (idempotent intake), and the id reveals nothing about the person.
/// </summary>
internal static class TrajectoryIds
{
    public const string Prefix = "trj-";
    private const int HashLength = 26;
    private static readonly System.Buffers.SearchValues<char> HexChars = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string For(string municipality, string externalReference)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{municipality}\n{externalReference}"));
        return Prefix + Convert.ToHexStringLower(hash)[..HashLength];
    }

    /// <summary>True for a string of the shape <see cref="For"/> makes (anything else cannot be a trajectory).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 30 } && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(Prefix.Length).IndexOfAnyExcept(HexChars) < 0;
}
