using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// Every error an operation can give, with its problem+json body: an operation that takes a body can answer 400 (not
/// readable or not valid), 413 (over the size limit, RequestBodyLimit) and 415 (another content type); every error
/// response carries a problem schema, also those whose result type has no body of its own.
/// </summary>
internal sealed class ErrorResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var document = context.Document!;
        if (ProblemResponses.TakesBody(operation))
        {
            ProblemResponses.Add(operation, document, StatusCodes.Status400BadRequest, "The body is not readable or not valid; nothing was stored. `errors`: field path → messages.");
            ProblemResponses.Add(operation, document, StatusCodes.Status413PayloadTooLarge, "The body is over the size limit; nothing was read.");
            ProblemResponses.Add(operation, document, StatusCodes.Status415UnsupportedMediaType, "The route does not take this content type.");
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                ProblemResponses.EnsureBody(response, document, code);
            }
        }

        return Task.CompletedTask;
    }
}
