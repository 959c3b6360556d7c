using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflows.Application.Api;

/// <summary>
/// Collects what is wrong with a request as field path → messages (API.md "Errors"): paths are camelCase
/// JSON paths such as <c>address.postalCode</c> or <c>tenants[0].surname</c>. A reader that already named a
/// field (wrong type) keeps later checks from piling "required" on top. An optional
/// <see cref="PathNames"/> renames paths for another representation (a CSV column per field).
/// </summary>
public sealed class ValidationErrors(Func<string, string>? pathNames = null)
{
    /// <summary>Most messages kept; a body of junk must not make an answer larger than itself.</summary>
    public const int MaxMessages = 200;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);
    private int _messages;

    /// <summary>Renames a canonical path for presentation (identity when none is given).</summary>
    public Func<string, string> PathNames { get; } = pathNames ?? (static path => path);

    public bool IsEmpty => _errors.Count == 0;

    public int Count => _errors.Count;

    /// <summary>Records <paramref name="message"/> for the field at <paramref name="path"/> (canonical path).</summary>
    public void Add(string path, string message)
    {
        _named.Add(path);
        if (_messages >= MaxMessages)
        {
            return;
        }

        var name = PathNames(path);
        if (!_errors.TryGetValue(name, out var messages))
        {
            _errors[name] = messages = [];
        }

        if (!messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
            _messages++;
        }
    }

    /// <summary>True when a message was recorded for <paramref name="path"/> (canonical path).</summary>
    public bool Has(string path) => _named.Contains(path);

    /// <summary>True when a message was recorded for <paramref name="path"/> or any field below it.</summary>
    public bool HasUnder(string path) =>
        _named.Any(p => p == path || (p.Length > path.Length && p.StartsWith(path, StringComparison.Ordinal) && p[path.Length] is '.' or '['));

    /// <summary>The errors as the <c>errors</c> member of a problem.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>400 <c>application/problem+json</c> with the <c>errors</c> object (RFC 9457, NL API Design Rules).</summary>
    public ValidationProblem ToProblem(string detail) =>
        TypedResults.ValidationProblem(ToDictionary(), detail: detail, title: "The request is not valid.");

    /// <summary><c>parent.child</c>, or <c>child</c> at the root.</summary>
    public static string Path(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    /// <summary><c>parent[index]</c>.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
