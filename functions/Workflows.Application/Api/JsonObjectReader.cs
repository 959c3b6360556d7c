using System.Text.Json;

namespace Workflows.Application.Api;

/// <summary>
/// Reads the members of one JSON object strictly and reports every problem with its path into
/// <see cref="ValidationErrors"/>: a wrong type, an unknown member, a member given twice. Members are
/// matched case-sensitively (camelCase, API.md); JSON <c>null</c> counts as absent. Each getter returns
/// null when the member is absent or wrong (the error is recorded), so one pass names every bad field.
/// Call <see cref="Finish"/> after reading to report members nobody asked for.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly ValidationErrors _errors;
    private readonly string _path;

    private JsonObjectReader(JsonElement element, string path, ValidationErrors errors)
    {
        _path = path;
        _errors = errors;
        foreach (var member in element.EnumerateObject())
        {
            string name;
            try
            {
                name = member.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add(path.Length == 0 ? "$" : path, "A property name is not valid Unicode text.");
                continue;
            }

            if (!_members.TryAdd(name, member.Value))
            {
                errors.Add(Child(name), "Given more than once.");
            }
        }
    }

    /// <summary>A reader over <paramref name="element"/>, or null (with an error at <paramref name="path"/>) when it is not an object.</summary>
    public static JsonObjectReader? Open(JsonElement element, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path.Length == 0 ? "$" : path, "Must be a JSON object.");
            return null;
        }

        return new JsonObjectReader(element, path, errors);
    }

    /// <summary>The path of a member of this object.</summary>
    public string Child(string name) => ValidationErrors.Path(_path, name);

    /// <summary>True when the member is present and not null.</summary>
    public bool IsPresent(string name) => _members.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string? Text(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, "Must be a string.");
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (e.g. "\uD800") is valid JSON but not text.
            Fail(name, "Must be valid Unicode text.");
            return null;
        }
    }

    public int? WholeNumber(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Fail(name, "Must be a whole number.");
        return null;
    }

    public decimal? Number(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        Fail(name, "Must be a number.");
        return null;
    }

    public bool? Flag(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Fail(name, "Must be true or false.");
        return null;
    }

    /// <summary>A calendar date as <c>YYYY-MM-DD</c>.</summary>
    public DateOnly? Date(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (AsText(value) is { } text && IsoDate.TryParse(text, out var date))
        {
            return date;
        }

        Fail(name, IsoDate.FormatMessage);
        return null;
    }

    /// <summary>A nested object, or null when absent (or not an object: error recorded).</summary>
    public JsonObjectReader? Nested(string name) =>
        Member(name) is { } value ? Open(value, Child(name), _errors) : null;

    /// <summary>An array member, or null when absent (or not an array: error recorded).</summary>
    public JsonElement? Array(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, "Must be an array.");
            return null;
        }

        return value;
    }

    /// <summary>Reports every member that no getter asked for as unknown (strict input).</summary>
    public void Finish()
    {
        foreach (var name in _members.Keys.Where(n => !_read.Contains(n)))
        {
            _errors.Add(Child(name), "Unknown property.");
        }
    }

    private JsonElement? Member(string name)
    {
        _read.Add(name);
        return _members.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    /// <summary>The string value, or null when it is not a string or not valid text.</summary>
    private static string? AsText(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private void Fail(string name, string message) => _errors.Add(Child(name), message);
}
