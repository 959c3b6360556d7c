using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Workflows.Application.Auth;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// Each operation's <c>security</c>, from its authorization metadata (the policies of <see cref="AuthPolicies"/>), so the
/// document cannot disagree with what the endpoint demands: corporations' operations take the API key; staff operations an
/// Entra ID token (and, on a developer's machine only, a seeded staff key); an operation for any caller either; an
/// anonymous one nothing (<c>security: []</c>). Protected operations also answer 401 and 403 problems.
/// </summary>
internal sealed class OperationSecurityTransformer(IOptions<EntraOptions> entra, IHostEnvironment environment) : IOpenApiOperationTransformer
{
    private static readonly HashSet<string> StaffPolicies = new(StringComparer.Ordinal) { AuthPolicies.Staff, AuthPolicies.Admin, AuthPolicies.Manager };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return Task.CompletedTask;
        }

        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var schemes = new List<string>();
        if (policies.Contains(AuthPolicies.Corporation))
        {
            schemes.Add(SecuritySchemes.ApiKey);
        }
        else if (policies.Overlaps(StaffPolicies))
        {
            schemes.Add(SecuritySchemes.EntraId);
            if (LocalDevelopment.Is(environment))
            {
                schemes.Add(SecuritySchemes.ApiKey);
            }
        }
        else
        {
            // RequireAuthorization() or the fallback policy: any authenticated caller, corporation or staff.
            schemes.AddRange([SecuritySchemes.ApiKey, SecuritySchemes.EntraId]);
        }

        operation.Security = [.. schemes.Select(name => new OpenApiSecurityRequirement
        {
            [SecuritySchemes.Reference(context.Document!, name, entra.Value)] = [],
        })];
        ProblemResponses.Add(operation, context.Document!, StatusCodes.Status401Unauthorized, "No valid credentials: an API key in X-Api-Key, or an Entra ID bearer token.");
        ProblemResponses.Add(operation, context.Document!, StatusCodes.Status403Forbidden, "Authenticated, but not allowed to do this.");
        return Task.CompletedTask;
    }
}
