using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Workflows.Application.Auth;

/// <summary>
/// Scheme <c>ApiKey</c>: the <c>X-Api-Key</c> header, looked up by hash in the <see cref="CredentialStore"/>.
/// Corporation keys work everywhere (their production scheme). Staff keys stand in for Entra ID identities on a
/// developer's machine only (<see cref="LocalDevelopment"/>): the check is on the host environment, with no
/// setting to turn it on elsewhere (API.md "Authentication").
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CredentialStore credentials,
    IHostEnvironment environment,
    IOptions<EntraOptions> entra)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count != 1 || await credentials.FindAsync(values[0]!, Context.RequestAborted) is not { } credential)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        if (credential.Caller.Kind == CallerKind.Staff && !LocalDevelopment.Is(environment))
        {
            Logger.StaffKeyRefused();
            return AuthenticateResult.Fail("Staff API keys are accepted in Development only.");
        }

        var identity = new ClaimsIdentity(credential.Caller.ToClaims(), Scheme.Name, Caller.IdClaim, Caller.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"{AuthSchemes.ApiKey} header=\"{ApiKeys.HeaderName}\"");
        if (entra.Value.IsConfigured)
        {
            Response.Headers.Append("WWW-Authenticate", AuthSchemes.Bearer);
        }

        return Task.CompletedTask;
    }
}
