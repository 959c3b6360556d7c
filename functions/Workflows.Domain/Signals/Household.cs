using System.Security.Cryptography;
using System.Text;

namespace Workflows.Domain.Signals;

/// <summary>
/// One household, one plan (RULES §1, triage): a household is postal code + house number + addition.
/// The index holds a hash of it, so the query index never carries a plain address.
/// </summary>
public static class Household
{
    public static string Partition(string municipality) => $"household|{municipality}";

    public static string Key(Address address)
    {
        var normal = $"{address.PostalCode.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()}|{address.HouseNumber}|{(address.HouseNumberAddition ?? string.Empty).Trim().ToUpperInvariant()}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normal)))[..24];
    }
}
