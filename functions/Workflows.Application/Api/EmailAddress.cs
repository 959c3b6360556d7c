using System.Text.RegularExpressions;

namespace Workflows.Application.Api;

/// <summary>
/// A plain email address (<c>local@domain.tld</c>): no display name, no comments, no quoted local part, at
/// most 254 characters with a local part of at most 64 (RFC 5321 limits), a host name of letter/digit labels.
/// </summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;

    public const string FormatMessage = "Must be an email address such as name@example.nl.";

    public static bool IsValid(string? value) => value is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
