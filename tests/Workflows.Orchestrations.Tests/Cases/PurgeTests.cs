using Workflows.Orchestrations.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Runtime;

namespace Workflows.Orchestrations.Tests.Cases;

public sealed class PurgeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Purging_a_running_case_deletes_its_status_index_rows_history_and_task_hub_instance_and_a_second_purge_finds_nothing()
    {
        const string id = "purge-1";
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, id, new ProbeInput("GM0479"), "test", _ct);
        await runtime.Client.RaiseEventAsync(id, "index:3", null, "test", "ev-index", _ct);
        await Eventually.TrueAsync(
            async () => (await runtime.Client.QueryIndexAsync("probe|GM0479", null, null, null, null, _ct)).Count == 3,
            because: "the case's three rows are published", cancellationToken: _ct);
        await Eventually.TrueAsync(
            async () => (await runtime.Client.GetHistoryAsync(id, _ct)).Count > 0,
            because: "the case has history lines", cancellationToken: _ct);

        Assert.True(await runtime.Client.PurgeAsync(id, "retention", _ct));

        Assert.Null(await runtime.Client.GetStatusAsync(id, _ct));
        Assert.Empty(await runtime.Client.QueryIndexAsync("probe|GM0479", null, null, null, null, _ct));
        Assert.Empty(await runtime.Client.GetHistoryAsync(id, _ct));
        Assert.Null(await runtime.Hub.Client.GetInstanceAsync(id, getInputsAndOutputs: false, _ct));
        Assert.False(await runtime.Client.PurgeAsync(id, "retention", _ct));
    }
}
