using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Workflows.Application.Auth;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// Documents the two answers that mean "try again later" on the API's operations (they come from the pipeline, not
/// from the handlers' signatures): 503 on every operation (storage does not answer, <see cref="Faults.StorageUnavailableHandler"/>),
/// and 429 on the operations a corporation may call (its limits, <see cref="RateLimiting.CorporationLimits"/>). Both are
/// problem+json with a <c>Retry-After</c> header.
/// </summary>
internal sealed class FaultResponsesTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.RelativePath?.StartsWith(ApplicationEndpointsExtensions.ApiV1Prefix.TrimStart('/'), StringComparison.Ordinal) != true)
        {
            return;
        }

        // The problem schema the operation's 500 already refers to, so the document keeps one ProblemDetails.
        var problem = operation.Responses?.TryGetValue("500", out var error) == true && error.Content?.TryGetValue(ProblemMediaType, out var media) == true
            && media.Schema is { } schema
                ? schema
                : await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses ??= [];
        operation.Responses.TryAdd("503", Response("Storage does not answer right now; send the same request again after Retry-After.", problem));
        if (CorporationMayCall(context.Description.ActionDescriptor.EndpointMetadata))
        {
            operation.Responses.TryAdd("429", Response(
                "The corporation is over its limits (requests per second, or batches in progress); nothing was stored. Send it again after Retry-After.", problem));
        }
    }

    private const string ProblemMediaType = "application/problem+json";

    /// <summary>Corporation limits apply where a corporation passes authorization: no policy but "authenticated", or the corporation policy.</summary>
    private static bool CorporationMayCall(IList<object> metadata) =>
        !metadata.OfType<IAllowAnonymous>().Any()
        && metadata.OfType<IAuthorizeData>().Any()
        && metadata.OfType<IAuthorizeData>().All(a => a.Policy is null or AuthPolicies.Corporation);

    private static OpenApiResponse Response(string description, IOpenApiSchema problem) => new()
    {
        Description = description,
        Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before sending the request again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            },
        },
        Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() { Schema = problem } },
    };
}
