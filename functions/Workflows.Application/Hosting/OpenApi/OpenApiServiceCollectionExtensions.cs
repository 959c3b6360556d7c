namespace Workflows.Application.Hosting.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: generated from the endpoints' metadata, completed by the transformers here.</summary>
internal static class OpenApiServiceCollectionExtensions
{
    public static IServiceCollection AddApiDocument(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenApiOptions>()
            .Bind(configuration.GetSection(OpenApiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer<OptionalPropertiesTransformer>();
            o.AddDocumentTransformer<JsonValueSchemaTransformer>();
            o.AddOperationTransformer<OperationSecurityTransformer>();
            o.AddOperationTransformer<AlternativeResponsesTransformer>();
            o.AddOperationTransformer<RequestExamplesTransformer>();
            o.AddOperationTransformer<FaultResponsesTransformer>();
            // After the others: it completes the error responses they and the endpoints declared.
            o.AddOperationTransformer<ErrorResponsesTransformer>();
            o.AddDocumentTransformer<DocumentInfoTransformer>();
        });
        return services;
    }
}
