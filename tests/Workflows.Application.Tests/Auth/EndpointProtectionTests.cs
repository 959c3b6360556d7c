using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Auth;

/// <summary>
/// Every endpoint of the real app is closed unless it says otherwise: each names its authorization or is
/// explicitly anonymous, every protected route answers 401 problem+json to a caller without credentials, and
/// the fallback policy closes an endpoint that forgot to say anything.
/// </summary>
public sealed class EndpointProtectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>What may be open: health probes, the OpenAPI document, the Development demo clock.</summary>
    private static readonly string[] OpenPrefixes = ["/healthz", "/openapi/", "/dev/clock"];

    /// <summary>The open pages (PAGES.md): the root (it redirects), sign-in and out, the API reference, the style sheet.</summary>
    private static readonly string[] OpenPages = ["/", "/sign-in", "/sign-out", "/signin-oidc", "/docs", "/docs/scalar.js", "/docs/docs.js", "/assets/site.css"];

    private readonly CancellationToken _ct = TestTimeout.Token();

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Every_endpoint_names_its_authorization_or_is_explicitly_anonymous(string environment)
    {
        await using var app = App(environment);

        var endpoints = Endpoints(app);

        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/v1/worklist");
        Assert.Empty(endpoints.Where(e => !IsAnonymous(e) && !NamesAuthorization(e)).Select(Describe));
        Assert.All(endpoints.Where(IsAnonymous).Where(e => !IsPage(e)).Select(Describe), open => Assert.Contains(OpenPrefixes, p => open.Contains(' ' + p, StringComparison.Ordinal)));
        Assert.Equal(OpenPages.Order(StringComparer.Ordinal), endpoints.Where(e => IsAnonymous(e) && IsPage(e)).Select(e => e.RoutePattern.RawText!).Distinct().Order(StringComparer.Ordinal));
        if (environment == "Development")
        {
            Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/dev/clock/advance" && IsAnonymous(e));
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Every_protected_route_answers_401_problem_without_valid_credentials(string environment)
    {
        await using var app = App(environment);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        var checkedRoutes = 0;

        foreach (var endpoint in Endpoints(app).Where(e => !IsAnonymous(e)))
        {
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
            {
                foreach (var apiKey in new[] { null, ApiKeys.New() })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(PathOf(endpoint.RoutePattern), UriKind.Relative));
                    if (method is "POST" or "PUT" or "PATCH")
                    {
                        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    }

                    if (apiKey is not null)
                    {
                        request.Headers.Add(ApiKeys.HeaderName, apiKey);
                    }

                    using var response = await client.SendAsync(request, _ct);
                    if ((IsPage(endpoint) ? SignInRedirectOf(response, request.RequestUri!) : await ProblemOf(response)) is { } wrong)
                    {
                        failures.Add($"{method} {request.RequestUri} ({(apiKey is null ? "no key" : "unknown key")}): {wrong}");
                    }

                    checkedRoutes++;
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(checkedRoutes >= 20, $"only {checkedRoutes} requests: the endpoint list looks incomplete");
    }

    [Fact]
    public async Task An_endpoint_mapped_without_any_authorization_is_closed_to_anonymous_callers()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { AfterEndpoints = MapForgottenEndpoint };
        using var anonymous = app.CreateClient();
        using var corporation = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);

        using var refused = await anonymous.GetAsync(new Uri("/forgotten", UriKind.Relative), _ct);
        using var allowed = await corporation.GetAsync(new Uri("/forgotten", UriKind.Relative), _ct);

        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("reached", await allowed.Content.ReadAsStringAsync(_ct));
    }

    /// <summary>Production with Entra ID configured (both schemes challenge), or Development with the demo clock mapped.</summary>
    private WorkflowsAppFactory App(string environment)
    {
        var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = environment, ConfigureServices = TestEntra.AcceptTokens };
        if (environment == "Development")
        {
            app.Settings["Clock:Mode"] = "Virtual";
        }

        return app;
    }

    private static List<RouteEndpoint> Endpoints(WorkflowsAppFactory app)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        // Anything but a route would escape both the listing below and the 401 sweep.
        Assert.All(endpoints, e => Assert.IsType<RouteEndpoint>(e));
        return [.. endpoints.Cast<RouteEndpoint>()];
    }

    private static bool IsPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<Workflows.Application.Pages.PageEndpointMetadata>() is not null;

    /// <summary>Null when a page sent the browser to sign in and back (the pages' 401), else what is wrong.</summary>
    private static string? SignInRedirectOf(HttpResponseMessage response, Uri requested) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.OriginalString.EndsWith($"/sign-in?returnUrl={Uri.EscapeDataString(requested.IsAbsoluteUri ? requested.PathAndQuery : requested.OriginalString)}", StringComparison.Ordinal) == true
            ? null
            : $"page answered {(int)response.StatusCode} {response.Headers.Location}";

    private static bool IsAnonymous(Endpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static bool NamesAuthorization(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
        || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
        || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null;

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(',', endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {endpoint.RoutePattern.RawText}";

    /// <summary>The route with a dummy value in each parameter (one that satisfies common constraints).</summary>
    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Select(p => p.Content).FirstOrDefault() switch
            {
                "int" or "long" => "1",
                "guid" => Guid.NewGuid().ToString(),
                _ => "dummy-1",
            },
            _ => throw new NotSupportedException(part.GetType().Name),
        }))));

    /// <summary>Null when <paramref name="response"/> is the 401 problem API.md promises, else what is wrong with it.</summary>
    private async Task<string?> ProblemOf(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return $"status {(int)response.StatusCode}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"content type {response.Content.Headers.ContentType?.MediaType ?? "none"}";
        }

        if (response.Headers.WwwAuthenticate.Count == 0)
        {
            return "no WWW-Authenticate";
        }

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        return problem.GetProperty("status").GetInt32() == 401 && problem.TryGetProperty("detail", out _) ? null : $"problem {problem}";
    }

    /// <summary>A route someone forgot to protect: its own small routing pipeline behind the app's, with nothing but the app's policies.</summary>
    private static void MapForgottenEndpoint(IApplicationBuilder builder)
    {
        builder.UseRouting();
        builder.UseAuthorization();
        builder.UseEndpoints(endpoints => endpoints.MapGet("/forgotten", () => "reached"));
    }
}
