using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// A <see cref="System.Text.Json.JsonElement"/> (an instance's custom status, a history line's detail) is any JSON value
/// but null: the generator writes its component as <c>{}</c>, and its nullable properties as <c>oneOf: [null, {}]</c>,
/// which a null matches twice and so fails. Null stays the nullable wrapper's own branch.
/// </summary>
internal sealed class JsonValueSchemaTransformer : IOpenApiDocumentTransformer
{
    public const string ComponentName = "JsonElement";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Components?.Schemas?.TryGetValue(ComponentName, out var schema) == true && schema is OpenApiSchema json)
        {
            json.Description ??= "Any JSON value.";
            json.Not = new OpenApiSchema { Type = JsonSchemaType.Null };
        }

        return Task.CompletedTask;
    }
}
