using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Workflows.Orchestrations.Client;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Tests.Auth;

/// <summary>
/// Entra ID bearer tokens through the real JwtBearer handler (signed by <see cref="TestEntra"/>, no network):
/// the production scheme for staff, in the Production environment.
/// </summary>
public sealed class EntraBearerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Staff_token_authenticates_in_Production_with_the_mapped_caller()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { ConfigureServices = TestEntra.AcceptTokens, AfterEndpoints = AuthProbe.Middleware };
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEntra.TokenFor(TestCallers.TeamLeadPurmerend));
        await app.Services.GetRequiredService<CaseTables>().EnsureCreatedAsync(_ct); // the list below reads the index

        using var probe = await client.GetAsync(AuthProbe.For(AuthPolicies.Manager), _ct);
        using var api = await client.GetAsync(new Uri("/api/v1/instances", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        var caller = await AuthProbe.ReadCallerAsync(probe, _ct);
        Assert.Equal(("Staff", "teamlead-purmerend", "TeamLead", "schuldhulp-purmerend"), (
            caller.GetProperty("kind").GetString(), caller.GetProperty("id").GetString(),
            caller.GetProperty("role").GetString(), caller.GetProperty("team").GetString()));
        Assert.Equal("GM0439", Assert.Single(caller.GetProperty("municipalities").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Token_without_an_app_role_is_401_problem()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { ConfigureServices = TestEntra.AcceptTokens };
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEntra.TokenWith([new Claim("oid", "u1"), new Claim("municipality", "GM0479")]));

        using var response = await client.GetAsync(new Uri("/api/v1/instances", UriKind.Relative), _ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
    }

    [Fact]
    public async Task Token_for_another_audience_or_signed_by_someone_else_is_401()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { ConfigureServices = TestEntra.AcceptTokens, AfterEndpoints = AuthProbe.Middleware };
        using var client = app.CreateClient();
        var claims = new[] { new Claim("oid", "u1"), new Claim("roles", "Admin") };

        foreach (var token in new[]
        {
            TestEntra.TokenWith(claims, audience: "api://someone-else"),
            TestEntra.TokenWith(claims, key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32))),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, AuthProbe.Path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            using var response = await client.SendAsync(request, _ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var valid = new HttpRequestMessage(HttpMethod.Get, AuthProbe.Path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", TestEntra.TokenWith(claims)) } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(valid, _ct)).StatusCode);
    }

    [Fact]
    public async Task Without_Entra_configuration_there_is_no_bearer_scheme_and_tokens_are_401()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { AfterEndpoints = AuthProbe.Middleware };
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEntra.TokenFor(TestCallers.Admin));

        using var response = await client.GetAsync(AuthProbe.Path, _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetSchemeAsync(AuthSchemes.Bearer));
        Assert.NotNull(await schemes.GetSchemeAsync(AuthSchemes.ApiKey));
    }

    [Fact]
    public async Task With_Entra_configuration_the_bearer_scheme_is_registered_and_api_keys_still_work()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { ConfigureServices = TestEntra.AcceptTokens, AfterEndpoints = AuthProbe.Middleware };
        using var client = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);
        using var anonymous = app.CreateClient();

        using var response = await client.GetAsync(AuthProbe.For(AuthPolicies.Corporation), _ct);
        using var challenge = await anonymous.GetAsync(new Uri("/api/v1/instances", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(AuthSchemes.Bearer));
        Assert.Equal([AuthSchemes.ApiKey, AuthSchemes.Bearer], challenge.Headers.WwwAuthenticate.Select(h => h.Scheme));
    }
}
