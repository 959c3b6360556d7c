using Microsoft.OpenApi;
using Workflows.Application.Auth;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// The document's two security schemes (API.md "Authentication"): the <c>X-Api-Key</c> header, and Microsoft Entra ID
/// bearer tokens for staff. Operations refer to them by <see cref="Reference"/>, which adds the scheme on first use.
/// </summary>
internal static class SecuritySchemes
{
    public const string ApiKey = "apiKey";

    public const string EntraId = "entraId";

    /// <summary>Entra's multi-tenant discovery document, shown until <c>Auth:Entra:TenantId</c> names the municipality's tenant.</summary>
    private const string AnyTenant = "organizations";

    public static OpenApiSecuritySchemeReference Reference(OpenApiDocument document, string name, EntraOptions entra)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        if (!document.Components.SecuritySchemes.ContainsKey(name))
        {
            document.AddComponent<IOpenApiSecurityScheme>(name, Create(name, entra));
        }

        return new OpenApiSecuritySchemeReference(name, document);
    }

    private static OpenApiSecurityScheme Create(string name, EntraOptions entra) => name switch
    {
        ApiKey => new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeys.HeaderName,
            Description = "A housing corporation's API key, bound to the corporation and the municipalities it may signal to. " +
                "On a developer's machine (Development) the seeded staff keys work here too; nowhere else.",
        },
        EntraId => new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OpenIdConnect,
            OpenIdConnectUrl = new Uri(
                $"{(string.IsNullOrWhiteSpace(entra.TenantId) ? $"{entra.Instance.TrimEnd('/')}/{AnyTenant}/v2.0" : entra.Authority)}/.well-known/openid-configuration"),
            Description = "Staff: a Microsoft Entra ID access token for the API (Authorization: Bearer), with an app role " +
                "(Coordinator, TeamLead, Admin) and the municipality (and team) in its claims.",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such security scheme."),
    };
}
