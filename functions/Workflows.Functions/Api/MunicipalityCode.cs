using System.Text.RegularExpressions;

namespace Workflows.Functions.Api;

/// <summary>A CBS municipality code: <c>GM</c> and four digits, e.g. <c>GM0479</c> (Zaanstad).</summary>
public static partial class MunicipalityCode
{
    public const string FormatMessage = "Must be a CBS municipality code: GM and four digits, e.g. GM0479.";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^GM[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
