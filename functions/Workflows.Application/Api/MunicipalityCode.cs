using System.Text.RegularExpressions;
using Workflows.Application.Policy;

namespace Workflows.Application.Api;

/// <summary>A CBS municipality code: <c>GM</c> and four digits, e.g. <c>GM0479</c> (Zaanstad).</summary>
public static partial class MunicipalityCode
{
    public const string FormatMessage = "Must be a CBS municipality code: GM and four digits, e.g. GM0479.";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>The field <c>municipalityCode</c> of a case: required, well-formed and one this service works for; null (with the error added) otherwise.</summary>
    public static string? Validate(string? value, ValidationErrors errors, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(policy);
        const string path = "municipalityCode";
        if (value is null)
        {
            FieldText.Require(errors, path);
            return null;
        }

        if (!IsValid(value))
        {
            errors.Add(path, FormatMessage);
            return null;
        }

        if (!policy.Knows(value))
        {
            errors.Add(path, "Not a municipality this service works for.");
            return null;
        }

        return value;
    }

    [GeneratedRegex("^GM[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
