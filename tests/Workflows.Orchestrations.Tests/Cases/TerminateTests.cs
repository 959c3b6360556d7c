using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Runtime;

namespace Workflows.Orchestrations.Tests.Cases;

public sealed class TerminateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task A_terminated_case_loses_its_index_rows_and_later_events_change_nothing()
    {
        const string id = "terminate-1";
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, id, new ProbeInput("GM0479"), "test", _ct);
        await runtime.Client.RaiseEventAsync(id, "index:2", null, "test", "ev-index", _ct);
        await Eventually.TrueAsync(
            async () => (await runtime.Client.QueryIndexAsync("probe|GM0479", null, null, null, null, _ct)).Count == 2,
            because: "the case's rows are published", cancellationToken: _ct);

        var terminated = await runtime.Client.TerminateAsync(id, "withdrawn", "staff-1", _ct);

        Assert.NotNull(terminated);
        Assert.Equal(RuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Empty(await runtime.Client.QueryIndexAsync("probe|GM0479", null, null, null, null, _ct));

        await runtime.Client.EnqueueEventAsync(id, "index:5", null, "test", "ev-after", _ct);
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, _ct); // waiting for something that must not happen

        var after = await runtime.Client.GetStatusAsync(id, _ct);
        Assert.NotNull(after);
        Assert.Equal(RuntimeStatus.Terminated, after.RuntimeStatus);
        Assert.Equal(terminated.Sequence, after.Sequence);
        Assert.Equal(["index:2"], after.StateAs<ProbeState>().Events);
        Assert.DoesNotContain("ev-after", after.Applied);
        Assert.Empty(await runtime.Client.QueryIndexAsync("probe|GM0479", null, null, null, null, _ct));
    }
}
