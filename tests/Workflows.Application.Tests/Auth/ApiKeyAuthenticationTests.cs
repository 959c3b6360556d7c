using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Orchestrations.Client;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Tests.Auth;

/// <summary>The <c>X-Api-Key</c> scheme against real storage (API.md "Authentication").</summary>
public sealed class ApiKeyAuthenticationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Uri Instances = new("/api/v1/instances", UriKind.Relative);
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task No_key_is_401_problem_with_a_challenge()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(Instances, _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
        Assert.Contains(ApiKeys.HeaderName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == AuthSchemes.ApiKey);
        Assert.True(response.Headers.Contains("API-Version"));
    }

    [Theory]
    [InlineData("wfk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    [InlineData("wfk_with spaces and / slashes")]
    public async Task Unknown_or_malformed_key_is_401_problem(string key)
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { AfterEndpoints = AuthProbe.Middleware };
        await app.IssueKeyAsync(TestCallers.CorporationA, _ct);
        using var client = app.CreateClient().WithApiKey(key);

        using var response = await client.GetAsync(AuthProbe.Path, _ct);
        using var api = await client.GetAsync(Instances, _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await api.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
    }

    [Fact]
    public async Task Corporation_key_authenticates_as_that_corporation_in_Production()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { AfterEndpoints = AuthProbe.Middleware };
        using var client = await app.CreateClientForAsync(TestCallers.CorporationB, _ct);

        using var response = await client.GetAsync(AuthProbe.For(AuthPolicies.Corporation), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await AuthProbe.ReadCallerAsync(response, _ct);
        Assert.Equal("Corporation", caller.GetProperty("kind").GetString());
        Assert.Equal("demo-corp-b", caller.GetProperty("id").GetString());
        Assert.Equal(new[] { "GM0439", "GM0479" }, caller.GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Staff_key_in_Production_is_401_even_though_it_is_in_the_table()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { AfterEndpoints = AuthProbe.Middleware };
        var key = await app.IssueKeyAsync(TestCallers.CoordinatorZaanstad, _ct);
        Assert.NotNull(await app.Services.GetRequiredService<CredentialStore>().FindAsync(key, _ct));
        using var client = app.CreateClient().WithApiKey(key);

        using var probe = await client.GetAsync(AuthProbe.Path, _ct);
        using var api = await client.GetAsync(Instances, _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, probe.StatusCode);
        await api.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Test")]
    public async Task Staff_key_in_any_environment_but_Development_is_401(string environment)
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = environment, AfterEndpoints = AuthProbe.Middleware };
        using var client = await app.CreateClientForAsync(TestCallers.Admin, _ct);

        using var response = await client.GetAsync(AuthProbe.Path, _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Staff_key_in_Development_authenticates_as_that_staff_member()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development", AfterEndpoints = AuthProbe.Middleware };
        using var client = await app.CreateClientForAsync(TestCallers.TeamLeadZaanstad, _ct);
        await app.Services.GetRequiredService<CaseTables>().EnsureCreatedAsync(_ct); // the list below reads the index

        using var probe = await client.GetAsync(AuthProbe.For(AuthPolicies.Manager), _ct);
        using var api = await client.GetAsync(Instances, _ct);

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        var caller = await AuthProbe.ReadCallerAsync(probe, _ct);
        Assert.Equal(("Staff", "teamlead-zaanstad", "TeamLead", "schuldhulp-zaanstad"), (
            caller.GetProperty("kind").GetString(), caller.GetProperty("id").GetString(),
            caller.GetProperty("role").GetString(), caller.GetProperty("team").GetString()));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Authenticated_caller_failing_a_policy_is_403_problem()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);

        using var response = await client.GetAsync(Instances, _ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
    }

    [Fact]
    public async Task Keys_are_stored_as_their_hash_only()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        var key = await app.IssueKeyAsync(TestCallers.CorporationA, _ct);

        var table = new TableClient(azurite.ConnectionString, CredentialStore.TableName(app.Prefix));
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: _ct))
        {
            rows.Add(row);
        }

        var keyRow = Assert.Single(rows, r => r.PartitionKey == CredentialStore.KeyPartition);
        Assert.Equal(ApiKeys.Hash(key), keyRow.RowKey);
        Assert.Matches("^[0-9a-f]{64}$", keyRow.RowKey);
        Assert.Equal(("Corporation", "demo-corp-a", "GM0479"), (keyRow.GetString("Kind"), keyRow.GetString("Id"), keyRow.GetString("Municipalities")));
        Assert.DoesNotContain(rows.SelectMany(r => r.Select(kv => kv.Value)), v => v?.ToString()?.Contains(key[ApiKeys.Prefix.Length..], StringComparison.Ordinal) == true);
    }
}
