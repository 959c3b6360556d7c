using Workflows.Application.Api;

namespace Workflows.Application.Cases;

/// <summary>
/// Which body fields each event type takes: a type takes its own fields and no others (strict, so a field a
/// client thinks it sent is never silently dropped), and requires them unless they are optional for it.
/// </summary>
internal sealed class EventFields(IReadOnlyDictionary<string, string[]> byType, IReadOnlySet<(string Type, string Field)> optional)
{
    private readonly string[] _all = [.. byType.Values.SelectMany(f => f).Distinct()];

    public EventFields(IReadOnlyDictionary<string, string[]> byType)
        : this(byType, new HashSet<(string, string)>())
    {
    }

    /// <summary>
    /// The fields <paramref name="type"/> takes, having recorded any field given that it does not take and any
    /// it requires that is missing; null (error recorded) when the type is missing or unknown.
    /// </summary>
    public string[]? Allowed(JsonObjectReader json, string? type, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(errors);
        if (type is null)
        {
            FieldText.Require(errors, "type");
            return null;
        }

        if (!byType.TryGetValue(type, out var allowed))
        {
            errors.Add("type", $"Must be one of: {string.Join(", ", byType.Keys)}.");
            return null;
        }

        foreach (var name in _all)
        {
            var present = json.IsPresent(name);
            if (present && !allowed.Contains(name))
            {
                errors.Add(name, $"Not used with type {type}.");
            }
            else if (!present && allowed.Contains(name) && !optional.Contains((type, name)) && !errors.HasUnder(name))
            {
                errors.Add(name, $"Required with type {type}.");
            }
        }

        return allowed;
    }
}
