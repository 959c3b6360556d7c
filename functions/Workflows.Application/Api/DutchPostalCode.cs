using System.Text.RegularExpressions;

namespace Workflows.Application.Api;

/// <summary>
/// A Dutch postal code: four digits not starting with 0, an optional space, two letters
/// (<c>^[1-9][0-9]{3} ?[A-Z]{2}$</c>), normalised to <c>1501AB</c>. Lower-case letters are taken and
/// upper-cased; the letter pairs SA, SD and SS are never issued by PostNL and are refused.
/// </summary>
public static partial class DutchPostalCode
{
    public const string FormatMessage = "Must be a Dutch postal code: four digits (the first not 0), an optional space and two letters, e.g. 1501 AB.";

    private static readonly string[] NeverIssued = ["SA", "SD", "SS"];

    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = string.Empty;
        if (value is null)
        {
            return false;
        }

        var upper = value.Trim().ToUpperInvariant();
        if (!Pattern().IsMatch(upper))
        {
            return false;
        }

        var candidate = upper.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (NeverIssued.Contains(candidate[4..], StringComparer.Ordinal))
        {
            return false;
        }

        normalized = candidate;
        return true;
    }

    [GeneratedRegex("^[1-9][0-9]{3} ?[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
