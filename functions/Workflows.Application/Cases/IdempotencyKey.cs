using System.Text.RegularExpressions;
using Workflows.Application.Api;
using Workflows.Application.Auth;

namespace Workflows.Application.Cases;

/// <summary>
/// The optional <c>Idempotency-Key</c> header of an event or update on a case: a client that retries a request
/// with the same key has it applied once.
/// </summary>
internal static partial class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>
    /// The engine event id for the header (printable ASCII, at most 100), scoped to the caller so two callers'
    /// keys never collide; null without the header (a fresh id each time) or when it is not valid (error recorded).
    /// </summary>
    public static string? EventId(HttpContext http, Caller caller, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(errors);
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return null;
        }

        if (values.Count != 1 || values[0] is not { } key || !Pattern().IsMatch(key))
        {
            errors.Add(Header, "Must be one value of 1-100 printable ASCII characters.");
            return null;
        }

        return $"idem|{caller.Id}|{key}";
    }

    /// <summary>
    /// The event id for a form's own key (a fresh one in every form a page renders, so posting it twice, e.g.
    /// by a double click or the back button, records the action once); null when the key is missing or malformed.
    /// </summary>
    public static string? EventId(string? formKey, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return formKey is not null && Pattern().IsMatch(formKey) ? $"idem|{caller.Id}|form-{formKey}" : null;
    }

    [GeneratedRegex("^[\\x21-\\x7E]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
