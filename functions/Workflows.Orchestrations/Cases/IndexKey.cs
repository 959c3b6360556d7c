using System.Security.Cryptography;
using System.Text;
using Workflows.Domain.Decisions;

namespace Workflows.Orchestrations.Cases;

/// <summary>
/// An index row a case holds (partition and key), so a later transition can take it away, with a fingerprint of
/// what was written, so a transition that leaves the row as it was writes nothing. Null: unknown, write again.
/// </summary>
public sealed record IndexKey(string Partition, string Key, string? Fingerprint = null)
{
    public static IndexKey Of(IndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new IndexKey(entry.Partition, entry.Key, FingerprintOf(entry));
    }

    /// <summary>The row's identity, whatever was written in it.</summary>
    public (string Partition, string Key) Row => (Partition, Key);

    /// <summary>A short, stable digest of a row's columns (ordinal order, so it is the same in every process).</summary>
    public static string FingerprintOf(IndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        foreach (var (column, value) in entry.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(column).Append('\u001f').Append(value).Append('\u001e');
        }

        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 12));
    }
}
