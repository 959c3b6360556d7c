using Workflows.Orchestrations.Client;
using Workflows.Reliability.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Host;
using Xunit.Abstractions;

namespace Workflows.Reliability.Tests;

/// <summary>(a) A host process killed with kill -9 in the middle of a burst on one case that continues as new.</summary>
public sealed class KillDuringBurstTests(AzuriteFixture azurite, ITestOutputHelper output) : ReliabilityTest(output), IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_host_killed_mid_burst_across_continue_as_new_then_another_started_applies_every_event_once_in_order()
    {
        var hub = AzuriteFixture.NewPrefix();
        await using var client = await ReliabilityClient.StartAsync(azurite.ConnectionString, hub, partitions: 1, Ct);
        var first = await StartHostAsync("host-a1", azurite.ConnectionString, hub, partitions: 1, continueAsNewAfter: 5);

        await client.Client.StartAsync(ReliabilityProbeDefinition.TypeName, "burst", new ReliabilityProbeInput("GM0479"), "test", Ct);
        await UntilAsync(async () => (await client.ReadAsync("burst", Ct))?.Status.RuntimeStatus == RuntimeStatus.Running, TimeSpan.FromSeconds(30), "the case runs");

        // One sender, paced: the burst goes on while the host dies and while none runs.
        var names = Enumerable.Range(0, 60).Select(i => $"e{i:D3}").ToList();
        var sent = 0;
        var sender = Task.Run(async () =>
        {
            foreach (var name in names)
            {
                await client.Client.EnqueueEventAsync("burst", name, null, "test", $"id-{name}", Ct);
                Interlocked.Increment(ref sent);
                await Task.Delay(TimeSpan.FromMilliseconds(60), TimeProvider.System, Ct);
            }
        }, Ct);

        // Past two ContinueAsNews (every 5 transitions), mid-burst: kill -9.
        await UntilAsync(async () => (await client.ReadAsync("burst", Ct))?.State.Events.Count >= 12, TimeSpan.FromSeconds(30), "12 events applied");
        first.Kill();
        var atKill = await client.ReadAsync("burst", Ct);
        var sentAtKill = Volatile.Read(ref sent);
        Log($"killed host-a1 with {atKill?.State.Events.Count} events applied, transition {atKill?.Status.Sequence}, {sentAtKill} sent");
        Assert.True(sentAtKill < names.Count, $"The burst was over ({sentAtKill} sent) before the kill.");

        await sender;
        var second = await StartHostAsync("host-a2", azurite.ConnectionString, hub, partitions: 1, continueAsNewAfter: 5);
        await UntilAsync(async () => (await client.ReadAsync("burst", Ct))?.State.Events.Count >= names.Count, TimeSpan.FromSeconds(90), "all events applied after the restart");

        // Anything doubled would show a little later: let redeliveries land.
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System, Ct);
        var end = await client.ReadAsync("burst", Ct) ?? throw new InvalidOperationException("The case is gone.");
        Assert.False(second.HasExited);
        Assert.Equal(RuntimeStatus.Running, end.Status.RuntimeStatus);
        Assert.True(names.SequenceEqual(end.State.Events), Describe([("burst", end.State)]));
        Assert.True(end.State.Events.Count > atKill?.State.Events.Count, "Nothing was left for the second host.");
    }
}
