using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Hosting;

/// <summary><c>/healthz</c> answers 200 only when storage does (ARCHITECTURE §6).</summary>
public sealed class HealthTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Endpoints on a port nothing listens on: every storage call is refused.</summary>
    private static readonly string UnreachableStorage =
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:1/{AzuriteFixture.AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:1/{AzuriteFixture.AccountName};" +
        $"BlobEndpoint=http://127.0.0.1:1/{AzuriteFixture.AccountName};";

    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Healthz_when_storage_answers_is_200_healthy()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();

        // The hosted service creates the tables just after start; until then the check says 503.
        HttpResponseMessage? response = null;
        await Eventually.TrueAsync(async () =>
        {
            response?.Dispose();
            response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), _ct);
            return response.StatusCode == HttpStatusCode.OK;
        }, because: "storage answers once the tables exist", cancellationToken: _ct);

        Assert.Equal("application/json", response!.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        response.Dispose();
    }

    [Fact]
    public async Task Healthz_when_storage_is_unreachable_is_503_problem_and_the_host_still_runs()
    {
        await using var app = new WorkflowsAppFactory(UnreachableStorage);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, _ct);
        Assert.Contains("Storage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, await response.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
    }
}
