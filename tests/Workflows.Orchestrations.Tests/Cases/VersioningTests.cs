using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Runtime;

namespace Workflows.Orchestrations.Tests.Cases;

public sealed class VersioningTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task A_case_started_by_an_older_definition_version_loads_and_continues_on_the_newer_one()
    {
        const string id = "version-1";
        var prefix = AzuriteFixture.NewPrefix();
        await using (var v1 = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()], prefix: prefix))
        {
            await v1.Client.StartAsync(ProbeDefinition.TypeName, id, new ProbeInput("GM0479"), "test", _ct);
            var old = await v1.Client.RaiseEventAsync(id, "on-v1", null, "test", "ev-v1", _ct);
            Assert.NotNull(old);
            Assert.True(old.Applied);
            Assert.Equal(1, old.Status.StateVersion);
        }

        await using var v2 = await TestRuntime.StartAsync(azurite, [new ProbeV2Definition()], prefix: prefix);
        var before = await v2.Client.GetStatusAsync(id, _ct);
        Assert.NotNull(before);
        Assert.Equal(1, before.StateVersion);

        var raised = await v2.Client.RaiseEventAsync(id, "on-v2", null, "test", "ev-v2", _ct);

        Assert.NotNull(raised);
        Assert.True(raised.Applied);
        Assert.Equal(RuntimeStatus.Running, raised.Status.RuntimeStatus);
        Assert.Equal(1, raised.Status.StartedVersion);
        Assert.Equal(2, raised.Status.StateVersion);
        var state = raised.Status.StateAs<ProbeStateV2>();
        Assert.Equal(["on-v1", "on-v2"], state.Events);
        Assert.Equal(1, state.MigratedFrom);

        var next = await v2.Client.RaiseEventAsync(id, "again", null, "test", "ev-again", _ct);
        Assert.NotNull(next);
        Assert.True(next.Applied);
        Assert.Equal(["on-v1", "on-v2", "again"], next.Status.StateAs<ProbeStateV2>().Events);
        Assert.Equal(1, next.Status.StateAs<ProbeStateV2>().MigratedFrom);
    }
}
