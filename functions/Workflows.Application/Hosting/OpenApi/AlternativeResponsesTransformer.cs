using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// One status, several bodies: where an endpoint declares more than one type for a status (<c>GET /signals/{id}</c>
/// answers a corporation's coarse view or staff's full case), the response's schema is <c>anyOf</c> all of them;
/// ApiExplorer alone keeps only one.
/// </summary>
internal sealed class AlternativeResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var alternatives = context.Description.ActionDescriptor.EndpointMetadata
            .OfType<IProducesResponseTypeMetadata>()
            .Where(m => m.Type is { } type && type != typeof(void))
            .GroupBy(m => m.StatusCode)
            .Select(g => (Status: g.Key, Types: g.Select(m => m.Type!).Distinct().ToList()))
            .Where(g => g.Types.Count > 1);
        foreach (var (status, types) in alternatives)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(key, out var response) == true && response.Content?.TryGetValue(Api.MediaType.Json, out var json) == true)
            {
                // Schema ids are the types' names (the generator's default), and each type is a component already.
                json.Schema = new OpenApiSchema { AnyOf = [.. types.Select(t => (IOpenApiSchema)new OpenApiSchemaReference(t.Name, context.Document))] };
            }
        }

        return Task.CompletedTask;
    }
}
