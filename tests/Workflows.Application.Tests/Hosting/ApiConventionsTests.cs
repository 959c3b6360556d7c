using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Hosting;

/// <summary>What every answer of the API shares (API.md "Errors"): version header, problem+json, limits, OpenAPI.</summary>
public sealed class ApiConventionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Unknown_api_route_is_404_problem_with_the_api_version_header()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), _ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        Assert.Equal("1.0.0", Assert.Single(response.Headers.GetValues("API-Version")));
    }

    [Fact]
    public async Task Unknown_route_outside_the_api_is_404_problem_without_the_api_version_header()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative), _ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        Assert.False(response.Headers.Contains("API-Version"));
    }

    [Fact]
    public async Task Wrong_method_is_405_problem()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("/openapi/v1.json", UriKind.Relative), new StringContent("{}"), _ct);

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, _ct);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_problem_before_anything_is_read()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Settings = { ["Api:MaxRequestBodySize"] = "1024" } };
        using var client = app.CreateClient();

        using var content = new ByteArrayContent(new byte[1025]);
        using var response = await client.PostAsync(new Uri("/api/v1/signals", UriKind.Relative), content, _ct);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, _ct);
        Assert.True(response.Headers.Contains("API-Version"));
    }

    [Fact]
    public async Task Unhandled_exception_is_500_problem_without_exception_details()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { AfterEndpoints = ThrowOn("/api/v1/boom") };
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/boom", UriKind.Relative), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError, _ct);
        Assert.False(problem.TryGetProperty("exception", out _));
        Assert.DoesNotContain("secret-detail", await response.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("API-Version"));
    }

    [Fact]
    public async Task Unhandled_exception_in_Development_shows_the_exception()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development", AfterEndpoints = ThrowOn("/api/v1/boom") };
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/boom", UriKind.Relative), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError, _ct);
        Assert.Contains("secret-detail", problem.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_is_served_as_json()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("1.0.0", document.GetProperty("info").GetProperty("version").GetString());
    }

    private static Action<IApplicationBuilder> ThrowOn(string path) => builder =>
        builder.Use((context, next) => context.Request.Path == path
            ? throw new InvalidOperationException("secret-detail")
            : next(context));
}
