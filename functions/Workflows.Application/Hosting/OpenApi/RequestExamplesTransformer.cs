using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// Puts <see cref="RequestExamples"/> on the request bodies, and describes a <c>text/csv</c> body as the text it is (the
/// route's record type stands for its JSON form only).
/// </summary>
internal sealed class RequestExamplesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.RequestBody?.Content is not { } content)
        {
            return Task.CompletedTask;
        }

        if (content.TryGetValue(Api.MediaType.Csv, out var csv))
        {
            csv.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = Signals.SignalCsv.Description };
        }

        if (operation.OperationId is { } id && RequestExamples.ByOperation.TryGetValue(id, out var byMediaType))
        {
            foreach (var (mediaType, examples) in byMediaType)
            {
                if (content.TryGetValue(mediaType, out var body))
                {
                    body.Examples = examples.ToDictionary(
                        e => e.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Name, Value = e.Value.DeepClone() }, StringComparer.Ordinal);
                }
            }
        }

        return Task.CompletedTask;
    }
}
