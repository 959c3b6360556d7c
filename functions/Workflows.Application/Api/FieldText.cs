namespace Workflows.Application.Api;

/// <summary>
/// Free text fields: trimmed, at most a given length, no control characters (line breaks only where a
/// field allows several lines). An empty or blank value counts as absent.
/// </summary>
public static class FieldText
{
    public const string RequiredMessage = "Required.";

    /// <summary>A one-line value (a name, a street), or null when absent or wrong (error recorded).</summary>
    public static string? Line(ValidationErrors errors, string path, string? value, int maxLength, bool required) =>
        Check(errors, path, value, maxLength, required, multiline: false);

    /// <summary>A value that may span lines (a note, a reason).</summary>
    public static string? Lines(ValidationErrors errors, string path, string? value, int maxLength, bool required) =>
        Check(errors, path, value, maxLength, required, multiline: true);

    /// <summary>Records "Required." unless a reader already named the field (it was there, but wrong).</summary>
    public static void Require(ValidationErrors errors, string path)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!errors.HasUnder(path))
        {
            errors.Add(path, RequiredMessage);
        }
    }

    private static string? Check(ValidationErrors errors, string path, string? value, int maxLength, bool required, bool multiline)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Require(errors, path);
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(path, $"At most {maxLength} characters.");
            return null;
        }

        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(path, multiline ? "Must not contain control characters." : "Must be one line without control characters.");
            return null;
        }

        return text;
    }
}
