using Workflows.Orchestrations.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Runtime;

namespace Workflows.Orchestrations.Tests.Cases;

public sealed class IndexTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Rows_a_later_transition_no_longer_declares_are_removed_leaving_only_its_own()
    {
        const string id = "index-1";
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, id, new ProbeInput("GM0479"), "test", _ct);
        await runtime.Client.RaiseEventAsync(id, "index:3", null, "test", "ev-3", _ct);
        await Eventually.TrueAsync(
            async () => (await runtime.Client.QueryIndexAsync("probe|GM0479", null, null, null, null, _ct)).Count == 3,
            because: "three rows are published", cancellationToken: _ct);

        var shrunk = await runtime.Client.RaiseEventAsync(id, "index:1", null, "test", "ev-1", _ct);
        Assert.NotNull(shrunk);
        Assert.True(shrunk.Applied);

        await Eventually.TrueAsync(
            async () => (await runtime.Client.QueryIndexAsync("probe|GM0479", null, null, null, null, _ct)).Count == 1,
            because: "two rows are removed", cancellationToken: _ct);
        var rows = await runtime.Client.QueryIndexAsync("probe|GM0479", null, null, null, null, _ct);
        var row = Assert.Single(rows);
        Assert.Equal($"000|{id}", row.Key);
        Assert.Equal(id, row.InstanceId);
        Assert.Equal(id, row.Properties["CaseId"]);
    }

    [Fact]
    public async Task Two_declarations_in_one_episode_publish_only_the_last()
    {
        const string id = "index-burst";
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, id, new ProbeInput("GM0439"), "test", _ct);
        await runtime.Client.EnqueueEventAsync(id, "index:3", null, "test", "ev-3", _ct);
        await runtime.Client.EnqueueEventAsync(id, "index:1", null, "test", "ev-1", _ct);
        await runtime.WaitForAsync(id, s => s.Applied.Contains("ev-1"));

        await Eventually.TrueAsync(
            async () => (await runtime.Client.QueryIndexAsync("probe|GM0439", null, null, null, null, _ct)).Count == 1,
            because: "only the last declaration's row stays", cancellationToken: _ct);
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, _ct); // waiting for rows that must not come back
        var row = Assert.Single(await runtime.Client.QueryIndexAsync("probe|GM0439", null, null, null, null, _ct));
        Assert.Equal($"000|{id}", row.Key);
    }

    [Fact]
    public async Task A_transition_writes_only_the_rows_it_changed()
    {
        const string id = "index-delta";
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, id, new ProbeInput("GM0363"), "test", _ct);
        await runtime.Client.RaiseEventAsync(id, "index:3", null, "test", "ev-a", _ct);
        await Eventually.TrueAsync(async () => (await VersionsAsync(runtime)).Count == 3, because: "three rows are published", cancellationToken: _ct);
        var first = await VersionsAsync(runtime);

        // The same three rows, the last with another column: only that row is written again.
        await runtime.Client.RaiseEventAsync(id, "index:3:urgent", null, "test", "ev-b", _ct);
        await Eventually.TrueAsync(async () => (await VersionsAsync(runtime))[$"002|{id}"] > first[$"002|{id}"], because: "the changed row is written", cancellationToken: _ct);
        var tagged = Assert.Single(await runtime.Client.QueryIndexAsync("probe|GM0363", null, null, new Dictionary<string, string> { ["Tag"] = "urgent" }, null, _ct));
        Assert.Equal($"002|{id}", tagged.Key);

        // The same rows again, nothing changed: nothing written (a third row's write would show a higher version).
        var same = await runtime.Client.RaiseEventAsync(id, "index:3:urgent", null, "test", "ev-c", _ct);
        await runtime.Client.RaiseEventAsync(id, "index:2", null, "test", "ev-d", _ct);
        await Eventually.TrueAsync(async () => (await VersionsAsync(runtime)).Count == 2, because: "the third row is removed", cancellationToken: _ct);

        var last = await VersionsAsync(runtime);
        Assert.True(same!.Applied);
        Assert.Equal(first[$"000|{id}"], last[$"000|{id}"]);
        Assert.Equal(first[$"001|{id}"], last[$"001|{id}"]);
        Assert.Empty(await runtime.Client.QueryIndexAsync("probe|GM0363", null, null, new Dictionary<string, string> { ["Tag"] = "urgent" }, null, _ct));
    }

    /// <summary>The transition that last wrote each live row of the probe partition.</summary>
    private async Task<Dictionary<string, long>> VersionsAsync(TestRuntime runtime)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in runtime.Tables.Index.QueryAsync<Azure.Data.Tables.TableEntity>("PartitionKey eq 'probe|GM0363' and Active eq true", cancellationToken: _ct))
        {
            versions[row.RowKey] = row.GetInt64("Version")!.Value;
        }

        return versions;
    }
}
