using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflows.Application.Api;

/// <summary>
/// RFC 9457 problems the API answers besides 400 (<see cref="ValidationErrors.ToProblem"/>), each with a
/// <c>detail</c> (API.md "Errors"). Where a single field is the reason, <c>errors</c> names it as a 400 would.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Forbidden(string detail, string? field = null) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "15.5.4", detail, field);

    public static ProblemHttpResult Conflict(string detail, string? field = null) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", "15.5.10", detail, field);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", "15.5.16", detail, null);

    public static ProblemHttpResult ContentTooLarge(string detail, string? field = null) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Content Too Large", "15.5.14", detail, field);

    /// <summary>429 (RFC 6585 §4): the caller is over a limit; the response carries <c>Retry-After</c>.</summary>
    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests", detail: detail, type: "https://www.rfc-editor.org/rfc/rfc6585#section-4");

    /// <summary>503: storage does not answer; the response carries <c>Retry-After</c>.</summary>
    public static ProblemHttpResult ServiceUnavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "15.6.4", detail, null);

    private static ProblemHttpResult Problem(int status, string title, string section, string detail, string? field) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            type: $"https://www.rfc-editor.org/rfc/rfc9110#section-{section}",
            extensions: field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
