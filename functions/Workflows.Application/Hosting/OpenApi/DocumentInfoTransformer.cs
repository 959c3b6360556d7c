using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>The document's title, version, contact, license, server and tag descriptions.</summary>
internal sealed class DocumentInfoTransformer(IOptions<OpenApiOptions> options) : IOpenApiDocumentTransformer
{
    private const string Description =
        "The HTTP API of Workflows: housing corporations signal payment arrears to a municipality, and the municipality's staff " +
        "follow up signals and aftercare trajectories within their legal terms. Errors are RFC 9457 application/problem+json; " +
        "every answer under /api carries an API-Version header with the full version. The reference is at /docs.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var settings = options.Value;
        document.Info = new OpenApiInfo
        {
            Title = "Workflows API",
            Version = ApiVersion.Current,
            Description = Description,
            Contact = new OpenApiContact
            {
                Name = settings.ContactName,
                Email = settings.ContactEmail,
                Url = settings.ContactUrl is { } url ? new Uri(url) : null,
            },
            License = new OpenApiLicense { Name = settings.LicenseName, Identifier = settings.LicenseIdentifier },
        };
        // Relative: the host that served the document serves the API (its paths start with /api/v1), wherever it is deployed.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document." }];
        document.Tags = new HashSet<OpenApiTag>(
            (document.Tags ?? Enumerable.Empty<OpenApiTag>()).Select(tag => new OpenApiTag
            {
                Name = tag.Name,
                Description = tag.Name is { } name && ApiTags.Descriptions.TryGetValue(name, out var text) ? text : tag.Description,
            }));
        return Task.CompletedTask;
    }
}
