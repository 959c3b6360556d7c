using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Hosting.OpenApi;

/// <summary>The OpenAPI document names the pipeline's "try again later" answers: 503 everywhere in the API, 429 where a corporation may call.</summary>
public sealed class FaultResponsesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Theory]
    [InlineData("/api/v1/signals", "post", true)]
    [InlineData("/api/v1/signals/batch", "post", true)]
    [InlineData("/api/v1/signals/{id}", "get", true)]
    [InlineData("/api/v1/signals/{id}/updates", "post", true)]
    [InlineData("/api/v1/signals/{id}/events", "post", false)]
    [InlineData("/api/v1/trajectories", "post", false)]
    [InlineData("/api/v1/worklist", "get", false)]
    [InlineData("/api/v1/instances/{id}", "delete", false)]
    public async Task Every_API_operation_documents_503_and_those_a_corporation_may_call_429_each_a_problem_with_Retry_After(string path, string method, bool corporation)
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), _ct);

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        AssertTryAgainLater(responses.GetProperty("503"));
        Assert.Equal(corporation, responses.TryGetProperty("429", out var tooMany));
        if (corporation)
        {
            AssertTryAgainLater(tooMany);
        }
    }

    private static void AssertTryAgainLater(JsonElement response)
    {
        Assert.Equal("integer", response.GetProperty("headers").GetProperty("Retry-After").GetProperty("schema").GetProperty("type").GetString());
        var schema = response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
        Assert.Equal("#/components/schemas/ProblemDetails", schema.GetProperty("$ref").GetString());
    }
}
