using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Workflows.Application.Auth;

namespace Workflows.Application.Pages;

/// <summary>
/// The authentication schemes, without Entra sign-in when <c>Auth:Entra:ClientId</c> is not set: Microsoft.Identity.Web
/// registers its OpenID Connect handler unconditionally, and a remote handler is asked about every request, which
/// would fail for want of a client id. Decided when the provider is built, so configuration added late (tests) counts.
/// </summary>
internal sealed class PageSchemeProvider : AuthenticationSchemeProvider
{
    public PageSchemeProvider(IOptions<AuthenticationOptions> options, IOptions<EntraOptions> entra)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(entra);
        if (!entra.Value.IsSignInConfigured)
        {
            RemoveScheme(AuthSchemes.OpenIdConnect);
        }
    }
}
