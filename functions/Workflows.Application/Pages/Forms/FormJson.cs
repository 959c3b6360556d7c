using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Application.Pages;

/// <summary>How a form input becomes a JSON value of the API's body.</summary>
public enum FieldKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>"true"/"false" become JSON booleans; anything else stays a string the validator refuses.</summary>
    Boolean,

    /// <summary>A whole number; Dutch or English decimal marks for <see cref="Amount"/>.</summary>
    WholeNumber,

    /// <summary>An amount: "1450,00" and "1450.00" alike.</summary>
    Amount,
}

/// <summary>One input of a form, named by its path in the API's JSON body (<c>address.postalCode</c>).</summary>
public sealed record FormField(string Path, FieldKind Kind = FieldKind.Text);

/// <summary>
/// Turns a posted form into the JSON body the API would have received, so the page goes through the API's own
/// reader and validator (PAGES.md: same handlers, same validation). Empty inputs are left out, as a client
/// leaves out an optional field.
/// </summary>
public static class FormJson
{
    public static JsonElement Build(IFormCollection form, IEnumerable<FormField> fields, IReadOnlyDictionary<string, JsonNode?>? fixedValues = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(fields);
        var root = new JsonObject();
        foreach (var (path, value) in fixedValues ?? new Dictionary<string, JsonNode?>())
        {
            Set(root, path, value);
        }

        foreach (var field in fields)
        {
            var text = form[field.Path].ToString().Trim();
            if (text.Length == 0)
            {
                continue;
            }

            Set(root, field.Path, Value(text, field.Kind));
        }

        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonValue Value(string text, FieldKind kind) => kind switch
    {
        FieldKind.Boolean when text is "true" or "false" => JsonValue.Create(text == "true"),
        FieldKind.WholeNumber when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        FieldKind.Amount when decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) => JsonValue.Create(amount),
        _ => JsonValue.Create(text),
    };

    /// <summary>Sets <c>a.b[0].c</c>, making the objects and arrays on the way.</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        JsonNode current = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Split(parts[i]);
            var last = i == parts.Length - 1;
            var parent = (JsonObject)current;
            if (index is null)
            {
                if (last)
                {
                    parent[name] = value;
                    return;
                }

                current = parent[name] ??= new JsonObject();
                continue;
            }

            var array = (JsonArray)(parent[name] ??= new JsonArray());
            while (array.Count <= index)
            {
                array.Add(new JsonObject());
            }

            if (last)
            {
                array[index.Value] = value;
                return;
            }

            current = array[index.Value]!;
        }
    }

    private static (string Name, int? Index) Split(string part)
    {
        var open = part.IndexOf('[', StringComparison.Ordinal);
        return open < 0
            ? (part, null)
            : (part[..open], int.Parse(part[(open + 1)..^1], CultureInfo.InvariantCulture));
    }
}
