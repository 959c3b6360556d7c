using Microsoft.Net.Http.Headers;

namespace Workflows.Application.Api;

/// <summary>The request's content type, checked against what a route takes (415 otherwise, API.md "Errors").</summary>
public static class MediaType
{
    public const string Json = "application/json";
    public const string Csv = "text/csv";

    /// <summary>
    /// The one of <paramref name="accepted"/> the request declares, or null (415) when it declares another type,
    /// none, or a charset other than UTF-8.
    /// </summary>
    public static string? Match(HttpRequest request, params string[] accepted)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var header) || header.MediaType.Value is not { } type)
        {
            return null;
        }

        if (header.Charset.HasValue && !header.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return accepted.FirstOrDefault(a => string.Equals(a, type, StringComparison.OrdinalIgnoreCase));
    }

    public static string Unsupported(params string[] accepted) =>
        $"This address takes {string.Join(" or ", accepted)} (UTF-8) only.";
}
