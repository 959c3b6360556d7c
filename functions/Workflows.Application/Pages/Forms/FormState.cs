using Workflows.Application.Api;

namespace Workflows.Application.Pages;

/// <summary>
/// One form of a page as it is shown: the values posted (so nothing typed is lost) and the Dutch messages per
/// field after a refused post. Fields are named by their JSON path in the API's body (<c>date</c>,
/// <c>consent.housing</c>), so the API's validation errors land beside the right input.
/// </summary>
public sealed class FormState
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _errors;

    private FormState(string name, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, IReadOnlyList<string>> errors, string? summary)
    {
        Name = name;
        _values = values;
        _errors = errors;
        Summary = summary;
    }

    /// <summary>Which form (e.g. the event type); ids of its inputs start with it.</summary>
    public string Name { get; }

    /// <summary>Why nothing was done, for the whole form (e.g. the case is closed), or null.</summary>
    public string? Summary { get; }

    public bool HasErrors => _errors.Count > 0 || Summary is not null;

    public static FormState Empty(string name) => new(name, new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>(), null);

    /// <summary>The posted values with the API's <paramref name="errors"/> in Dutch; <paramref name="fieldOf"/> maps an error path to its input.</summary>
    public static FormState Refused(string name, IFormCollection form, ValidationErrors? errors, string? summary, Func<string, string>? fieldOf = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = form.Where(f => !f.Key.StartsWith("__", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var messages = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (path, english) in errors?.ToDictionary() ?? [])
        {
            var field = (fieldOf ?? (static p => p))(path);
            var dutch = english.Select(m => Dutch.Message(m, path)).Distinct(StringComparer.Ordinal).ToList();
            messages[field] = messages.TryGetValue(field, out var existing) ? [.. existing, .. dutch] : dutch;
        }

        summary ??= messages.Count > 0 ? "Niet vastgelegd: verbeter de velden met een melding." : null;
        return new FormState(name, values, messages, summary);
    }

    /// <summary>This form's state when <paramref name="name"/> is the form that was posted, else an empty one.</summary>
    public FormState For(string name) => name == Name ? this : Empty(name);

    public string? Value(string field) => _values.GetValueOrDefault(field);

    public bool Is(string field, string value) => _values.TryGetValue(field, out var v) && v == value;

    public IReadOnlyList<string> ErrorsFor(string field) => _errors.GetValueOrDefault(field) ?? [];

    /// <summary>Errors of fields this form does not show (e.g. a check on the whole body).</summary>
    public IEnumerable<string> ErrorsExcept(IEnumerable<string> shown) =>
        _errors.Where(e => !shown.Contains(e.Key, StringComparer.Ordinal)).SelectMany(e => e.Value);

    public string Id(string field) => $"{Name}-{field.Replace('.', '-')}";

    public string ErrorId(string field) => $"{Id(field)}-fout";

    /// <summary>The <c>aria-describedby</c> of an input: its messages, when there are any.</summary>
    public string? DescribedBy(string field) => ErrorsFor(field).Count > 0 ? ErrorId(field) : null;

    public string? Invalid(string field) => ErrorsFor(field).Count > 0 ? "true" : null;
}
