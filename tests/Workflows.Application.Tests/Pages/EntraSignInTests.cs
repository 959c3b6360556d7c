using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Pages;

/// <summary>
/// Production sign-in to the pages (PAGES.md "/sign-in"): with <c>Auth:Entra:ClientId</c> set, the sign-in page
/// offers the work account and its post sends the browser to Entra ID's authorize endpoint for this app, coming back
/// to <c>/signin-oidc</c> and then to the page it came from. Entra's metadata is given, not fetched (no network).
/// </summary>
public sealed class EntraSignInTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ClientId = "11111111-2222-4333-8444-555555555555";

    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task With_a_client_id_the_sign_in_goes_to_entra_for_this_app_and_remembers_where_to_return()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString)
        {
            ConfigureServices = services =>
            {
                TestEntra.AcceptTokens(services);
                services.Configure<EntraOptions>(o => o.ClientId = ClientId);
                services.PostConfigure<OpenIdConnectOptions>(AuthSchemes.OpenIdConnect, o =>
                {
                    o.Configuration = new OpenIdConnectConfiguration
                    {
                        Issuer = TestEntra.Issuer,
                        AuthorizationEndpoint = $"https://login.microsoftonline.com/{TestEntra.TenantId}/oauth2/v2.0/authorize",
                        TokenEndpoint = $"https://login.microsoftonline.com/{TestEntra.TenantId}/oauth2/v2.0/token",
                    };
                    o.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(o.Configuration);
                });
            },
        };
        app.Settings["Auth:Entra:ClientId"] = ClientId;
        app.Settings["Auth:Entra:ClientSecret"] = "not-a-real-secret";

        using var session = new PageSession(app);
        using (var first = await session.Client.GetAsync(new Uri("/cases/signal/sig-from-a-mail", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var (status, html) = await session.GetAsync("/sign-in?returnUrl=%2Fcases%2Fsignal%2Fsig-from-a-mail", _ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Aanmelden met uw werkaccount (Microsoft)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("coordinator-zaanstad", html, StringComparison.Ordinal);

        using var challenge = await session.PostAsync("/sign-in", [new("returnUrl", "/cases/signal/sig-from-a-mail")], _ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.Equal($"https://login.microsoftonline.com/{TestEntra.TenantId}/oauth2/v2.0/authorize", authorize.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(ClientId, query["client_id"].ToString());
        Assert.Equal("https://localhost/signin-oidc", query["redirect_uri"].ToString());
        Assert.Contains("openid", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(query["state"]), "the state carries the return address, protected");

        // The state is protected with the app's key ring and names the page to return to.
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>().Get(AuthSchemes.OpenIdConnect);
        var properties = options.StateDataFormat.Unprotect(query["state"]);
        Assert.Equal("/cases/signal/sig-from-a-mail", properties?.RedirectUri);
    }

    [Fact]
    public async Task Without_a_client_id_there_is_no_entra_sign_in_and_its_callback_is_a_plain_404()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { ConfigureServices = TestEntra.AcceptTokens };
        using var session = new PageSession(app);
        using var callback = await session.PostAsync("/signin-oidc", [new("code", "x"), new("state", "y")], _ct, withToken: false);
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
        Assert.Contains("Deze pagina of zaak bestaat niet", await callback.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
    }
}
