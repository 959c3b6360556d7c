using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// Error responses as API.md "Errors" has them: <c>application/problem+json</c>, with the validation problem's <c>errors</c>
/// for a 400 and the plain problem otherwise.
/// </summary>
internal static class ProblemResponses
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>Adds <paramref name="status"/> to <paramref name="operation"/> unless it is there (then only its body is made sure of).</summary>
    public static void Add(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(key, out var response))
        {
            response = new OpenApiResponse { Description = description };
            operation.Responses[key] = response;
        }

        EnsureBody(response, document, status);
    }

    /// <summary>A problem body on an error response that declares none (e.g. a <c>NotFound</c> result: status code pages write it).</summary>
    public static void EnsureBody(IOpenApiResponse response, OpenApiDocument document, int status)
    {
        if (response is not OpenApiResponse concrete || status < 400)
        {
            return;
        }

        concrete.Description ??= ReasonPhrases.GetReasonPhrase(status);
        concrete.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
        if (concrete.Content.Count == 0)
        {
            concrete.Content[ProblemJson] = new OpenApiMediaType
            {
                Schema = new OpenApiSchemaReference(status == StatusCodes.Status400BadRequest ? "HttpValidationProblemDetails" : "ProblemDetails", document),
            };
        }
    }

    public static bool TakesBody(OpenApiOperation operation) => operation.RequestBody?.Content is { Count: > 0 };
}
