using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Workflows.Application.Auth;

/// <summary>
/// Lets the schemes challenge (401, <c>WWW-Authenticate</c>) or forbid (403) as usual, then writes the
/// problem+json body API.md "Errors" promises, with a detail that says what is missing. Pages get HTML instead.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (context.Response.HasStarted || !(authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            return;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<Pages.PageEndpointMetadata>() is not null)
        {
            // A page: the cookie scheme has redirected to sign-in; a signed-in user without the role gets a page saying so.
            if (authorizeResult.Forbidden)
            {
                await Pages.PageResults.Forbidden(context).ExecuteAsync(context);
            }

            return;
        }

        var (status, title, detail) = authorizeResult.Challenged
            ? (StatusCodes.Status401Unauthorized, "Unauthorized",
                $"Valid credentials are required: an API key in the {ApiKeys.HeaderName} header, or a bearer token.")
            : (StatusCodes.Status403Forbidden, "Forbidden", "The caller is not allowed to do this.");
        context.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
