using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Signals;

/// <summary>
/// The real app (Production environment) for signal tests: corporations call with issued API keys, staff
/// with test Entra tokens; helpers to post signals and to prove a refused request stored nothing. The app may reach
/// Azurite another way (<paramref name="connectionString"/>, e.g. through a <see cref="StorageOutage"/>); the helpers
/// that count what is stored always read Azurite itself.
/// </summary>
public sealed class SignalsTestApp(AzuriteFixture azurite, string? connectionString = null) : IAsyncDisposable
{
    public static readonly Uri Signals = new("/api/v1/signals", UriKind.Relative);
    public static readonly Uri Batch = new("/api/v1/signals/batch", UriKind.Relative);

    public WorkflowsAppFactory Factory { get; } = new(connectionString ?? azurite.ConnectionString) { ConfigureServices = TestEntra.AcceptTokens };

    public Task<HttpClient> CorporationAsync(Caller corporation, CancellationToken cancellationToken) =>
        Factory.CreateClientForAsync(corporation, cancellationToken);

    public HttpClient Staff(Caller staff)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEntra.TokenFor(staff));
        return client;
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static Uri Signal(string id, string? sub = null) => new($"/api/v1/signals/{id}{(sub is null ? string.Empty : "/" + sub)}", UriKind.Relative);

    /// <summary>Posts <paramref name="signal"/> and expects 201; answers the id.</summary>
    public static async Task<string> CreateAsync(HttpClient corporation, JsonNode signal, CancellationToken cancellationToken)
    {
        using var response = await corporation.PostAsync(Signals, Json(signal), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Posts a batch (disposing its content), asserts 200, and returns its results.</summary>
    public static async Task<List<JsonElement>> PostBatchAsync(HttpClient corporation, HttpContent content, CancellationToken cancellationToken)
    {
        using (content)
        {
            using var response = await corporation.PostAsync(Batch, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            return [.. JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone())];
        }
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> PostEventAsync(HttpClient staff, string id, object body, CancellationToken cancellationToken)
    {
        using var response = await staff.PostAsJsonAsync(Signal(id, "events"), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Rows of signal cases anywhere in the task hub's and the application's tables: the task hub's instance and
    /// history rows (partition = instance id), business history lines and index rows (worklist, household). Zero
    /// means no signal was stored (the host's own instances, such as the digest schedule, do not count).
    /// </summary>
    public async Task<int> StoredAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var (name, filter) in new[]
        {
            ("Instances", "PartitionKey ge 'sig-' and PartitionKey lt 'sig.'"),
            ("History", "PartitionKey ge 'sig-' and PartitionKey lt 'sig.'"),
            ("casehistory", "PartitionKey ge 'sig-' and PartitionKey lt 'sig.'"),
            ("index", "InstanceId ge 'sig-' and InstanceId lt 'sig.'"),
        })
        {
            try
            {
                await foreach (var _ in tables.GetTableClient(Factory.Prefix + name).QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
                {
                    count++;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // not created yet: nothing stored
            }
        }

        return count;
    }

    /// <summary>Signal instances (the task hub's instance rows).</summary>
    public async Task<int> StoredInstancesAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var table = new TableClient(azurite.ConnectionString, Factory.Prefix + "Instances");
        await foreach (var _ in table.QueryAsync<TableEntity>("PartitionKey ge 'sig-' and PartitionKey lt 'sig.'", cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Every history row of one case (the task hub's and the business history): unchanged means nothing was recorded.</summary>
    public async Task<int> RowsOfAsync(string instanceId, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var name in new[] { "History", "casehistory" })
        {
            var table = new TableClient(azurite.ConnectionString, Factory.Prefix + name);
            await foreach (var _ in table.QueryAsync<TableEntity>($"PartitionKey eq '{instanceId}'", select: ["RowKey"], cancellationToken: cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
