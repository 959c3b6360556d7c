using System.Text.RegularExpressions;

namespace Workflows.Application.Api;

/// <summary>
/// A phone number in E.164 (<c>+31612345678</c>) or Dutch national form (<c>0612345678</c>,
/// <c>020 123 4567</c>). Spaces and hyphens are dropped; a Dutch national number is normalised to E.164
/// (<c>+31</c> without the leading 0), so every stored number can be dialled or texted as is.
/// </summary>
public static partial class PhoneNumber
{
    public const string FormatMessage = "Must be a phone number in E.164 form (+31612345678) or a Dutch number of ten digits (0612345678).";

    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = string.Empty;
        if (value is null || value.Length > 32)
        {
            return false;
        }

        var compact = value.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (Dutch().IsMatch(compact))
        {
            normalized = "+31" + compact[1..];
            return true;
        }

        // A Dutch number in E.164 has nine digits after +31.
        if (E164().IsMatch(compact) && (!compact.StartsWith("+31", StringComparison.Ordinal) || compact.Length == 12))
        {
            normalized = compact;
            return true;
        }

        return false;
    }

    [GeneratedRegex("^0[1-9][0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Dutch();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
