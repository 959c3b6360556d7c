using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Auth;

namespace Workflows.Application.Tests.Auth;

/// <summary>
/// A test-only route behind the app's real authentication: <c>GET /probe?policy=Staff</c> answers 401 when
/// not authenticated, 403 when the policy fails, else 200 with the <see cref="Caller"/> the endpoint would see.
/// </summary>
internal static class AuthProbe
{
    public static readonly Uri Path = new("/probe", UriKind.Relative);

    public static Action<IApplicationBuilder> Middleware => builder => builder.Map("/probe", probe => probe.Run(async context =>
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (context.Request.Query["policy"].ToString() is { Length: > 0 } policy
            && !(await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, policy)).Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var caller = context.Caller();
        await context.Response.WriteAsJsonAsync(new
        {
            kind = caller.Kind.ToString(),
            id = caller.Id,
            municipalities = caller.Municipalities.Order(StringComparer.Ordinal).ToArray(),
            role = caller.Role?.ToString(),
            team = caller.Team,
        });
    }));

    public static Uri For(string policy) => new($"/probe?policy={policy}", UriKind.Relative);

    public static async Task<JsonElement> ReadCallerAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
}
