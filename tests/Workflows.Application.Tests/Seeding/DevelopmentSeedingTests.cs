using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Auth;
using Workflows.Application.Seeding;
using Workflows.Application.Tests.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Seeding;

/// <summary>Development seeding (API.md "Local defaults"): the file, its keys, idempotence, and nothing outside Development.</summary>
public sealed class DevelopmentSeedingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task Development_writes_the_documented_file_and_every_key_in_it_works()
    {
        await using var app = DevelopmentApp();
        using var client = app.CreateClient();

        var (_, outcome) = await SeededAsync(app);

        Assert.Equal(SeedOutcome.Issued, outcome);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(app.CredentialsFile, _ct))!;
        Assert.Equal("http://localhost:7071", file["baseUrl"]!.GetValue<string>());
        var corporations = file["corporations"]!.AsArray();
        Assert.Equal(["demo-corp-a", "demo-corp-b"], corporations.Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(["GM0479"], corporations[0]!["municipalities"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["GM0439", "GM0479"], corporations[1]!["municipalities"]!.AsArray().Select(m => m!.GetValue<string>()).Order());
        var staff = file["staff"]!.AsArray().Select(s => (
            Id: s!["id"]!.GetValue<string>(), Role: s["role"]!.GetValue<string>(), Municipality: s["municipality"]?.GetValue<string>(),
            Team: s["team"]?.GetValue<string>(), Email: s["email"]?.GetValue<string>())).ToList();
        Assert.Equal(
            [
                ("coordinator-zaanstad", "coordinator", "GM0479", "schuldhulp-zaanstad", "coordinator.zaanstad@gemeente.example"),
                ("coordinator-purmerend", "coordinator", "GM0439", "schuldhulp-purmerend", "coordinator.purmerend@gemeente.example"),
                ("teamlead-zaanstad", "teamlead", "GM0479", "schuldhulp-zaanstad", "teamlead.zaanstad@gemeente.example"),
                ("admin", "admin", null, null, "admin@gemeente.example"),
            ],
            staff);

        foreach (var entry in corporations.Concat(file["staff"]!.AsArray()))
        {
            var key = entry!["apiKey"]!.GetValue<string>();
            Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
            using var request = new HttpRequestMessage(HttpMethod.Get, AuthProbe.Path) { Headers = { { ApiKeys.HeaderName, key } } };
            using var response = await client.SendAsync(request, _ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(entry["id"]!.GetValue<string>(), (await AuthProbe.ReadCallerAsync(response, _ct)).GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task Restart_reuses_the_keys_in_the_file_while_they_still_validate()
    {
        string prefix, file, before;
        await using (var first = DevelopmentApp())
        {
            _ = first.Services;
            await SeededAsync(first);
            (prefix, file, before) = (first.Prefix, first.CredentialsFile, await File.ReadAllTextAsync(first.CredentialsFile, _ct));
        }

        await using var second = DevelopmentApp(prefix, file);
        _ = second.Services;
        var (_, outcome) = await SeededAsync(second);

        Assert.Equal(SeedOutcome.Reused, outcome);
        Assert.Equal(before, await File.ReadAllTextAsync(file, _ct));
        Assert.Equal(1, await KeyRowsAsync(prefix, "demo-corp-a"));
    }

    [Fact]
    public async Task Stale_file_is_replaced_with_new_keys_and_the_old_ones_are_revoked()
    {
        string prefix, file, oldKey;
        await using (var first = DevelopmentApp())
        {
            _ = first.Services;
            var (seeded, _) = await SeededAsync(first);
            (prefix, file, oldKey) = (first.Prefix, first.CredentialsFile, seeded.Corporations[0].ApiKey);
        }

        // One entry no longer matches (someone edited the file, or the seed changed): everything is issued anew.
        var edited = JsonNode.Parse(await File.ReadAllTextAsync(file, _ct))!;
        edited["staff"]!.AsArray().RemoveAt(0);
        await File.WriteAllTextAsync(file, edited.ToJsonString(), _ct);

        await using var second = DevelopmentApp(prefix, file);
        using var client = second.CreateClient();
        var (reseeded, outcome) = await SeededAsync(second);

        Assert.Equal(SeedOutcome.Issued, outcome);
        Assert.NotEqual(oldKey, reseeded.Corporations[0].ApiKey);
        Assert.Equal(4, reseeded.Staff.Count);
        Assert.Equal(reseeded.Corporations[0].ApiKey, JsonNode.Parse(await File.ReadAllTextAsync(file, _ct))!["corporations"]![0]!["apiKey"]!.GetValue<string>());
        using var old = new HttpRequestMessage(HttpMethod.Get, AuthProbe.Path) { Headers = { { ApiKeys.HeaderName, oldKey } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(old, _ct)).StatusCode);
        Assert.Equal(1, await KeyRowsAsync(prefix, "demo-corp-a"));
    }

    [Fact]
    public async Task Unreadable_file_is_replaced()
    {
        await using var app = DevelopmentApp();
        Directory.CreateDirectory(Path.GetDirectoryName(app.CredentialsFile)!);
        await File.WriteAllTextAsync(app.CredentialsFile, "{ not json", _ct);
        _ = app.Services;

        var (seeded, outcome) = await SeededAsync(app);

        Assert.Equal(SeedOutcome.Issued, outcome);
        Assert.Equal(seeded.Staff[0].ApiKey, JsonDocument.Parse(await File.ReadAllTextAsync(app.CredentialsFile, _ct)).RootElement.GetProperty("staff")[0].GetProperty("apiKey").GetString());
    }

    [Fact]
    public async Task Seeded_staff_are_in_the_staff_directory()
    {
        await using var app = DevelopmentApp();
        _ = app.Services;
        await SeededAsync(app);
        var directory = app.Services.GetRequiredService<StaffDirectory>();

        Assert.Equal("coordinator.purmerend@gemeente.example", await directory.EmailOfAsync("coordinator-purmerend", _ct));
        Assert.Equal(["teamlead.zaanstad@gemeente.example"], (await directory.TeamLeadsAsync("schuldhulp-zaanstad", _ct)).Select(m => m.Email));
        Assert.Equal(["coordinator-zaanstad", "teamlead-zaanstad"], (await directory.TeamMembersAsync("schuldhulp-zaanstad", _ct)).Select(m => m.Id).Order());
        Assert.Equal(["admin@gemeente.example"], await directory.AdminEmailsAsync(_ct));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_Development_nothing_is_seeded_and_no_file_is_written(string environment)
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = environment };
        using var client = app.CreateClient();
        await Eventually.TrueAsync(async () =>
        {
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), _ct);
            return health.StatusCode == HttpStatusCode.OK;
        }, because: "the host is up", cancellationToken: _ct);

        Assert.Null(app.Services.GetService<DevelopmentSeeder>());
        Assert.False(File.Exists(app.CredentialsFile));
        Assert.Equal(0, await KeyRowsAsync(app.Prefix, null));
        Assert.Empty(await app.Services.GetRequiredService<StaffDirectory>().AdminsAsync(_ct));
    }

    [Fact]
    public void Relative_file_is_under_the_repository_root_and_an_absolute_one_is_used_as_is()
    {
        var contentRoot = Path.Combine(AzuriteFixture.RepoRoot, "functions", "Workflows.LocalHost");
        var outside = Path.Combine(Path.GetTempPath(), $"no-repo-{Guid.NewGuid():N}");

        Assert.Equal(Path.Combine(AzuriteFixture.RepoRoot, ".data", "dev-credentials.json"), new SeedingOptions().ResolveCredentialsFile(contentRoot));
        Assert.Equal("/somewhere/keys.json", new SeedingOptions { CredentialsFile = "/somewhere/keys.json" }.ResolveCredentialsFile(contentRoot));
        Assert.Equal(Path.Combine(outside, ".data", "dev-credentials.json"), new SeedingOptions().ResolveCredentialsFile(outside));
    }

    private WorkflowsAppFactory DevelopmentApp(string? prefix = null, string? file = null)
    {
        var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development", AfterEndpoints = AuthProbe.Middleware };
        if (prefix is not null)
        {
            app.Settings["DurableTask:TaskHubName"] = prefix; // the task hub's name is also the tables' prefix
        }

        if (file is not null)
        {
            app.Settings["Seeding:CredentialsFile"] = file;
        }

        return app;
    }

    private async Task<(DevelopmentCredentials Credentials, SeedOutcome Outcome)> SeededAsync(WorkflowsAppFactory app) =>
        await app.Services.GetRequiredService<DevelopmentSeeder>().Completed.WaitAsync(_ct);

    /// <summary>Key rows in the credentials table, of one caller id or all.</summary>
    private async Task<int> KeyRowsAsync(string prefix, string? id)
    {
        var table = new TableClient(azurite.ConnectionString, CredentialStore.TableName(prefix));
        var count = 0;
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == CredentialStore.KeyPartition, cancellationToken: _ct))
            {
                count += id is null || row.GetString("Id") == id ? 1 : 0;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }

        return count;
    }
}
