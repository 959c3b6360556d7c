using Workflows.Orchestrations.Client;
using Workflows.Reliability.Tests.Support;
using Workflows.Testing.Host;
using Xunit.Abstractions;

namespace Workflows.Reliability.Tests;

/// <summary>(c) Storage gone for a minute: Azurite's process killed, started again 60 s later on the same ports and data.</summary>
public sealed class AzuriteOutageTests(ITestOutputHelper output) : ReliabilityTest(output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    private PersistentAzurite? _azurite;

    [Fact]
    public async Task After_a_60_s_storage_outage_the_host_recovers_by_itself_and_applies_every_event_once_and_the_timer_due_in_it()
    {
        var azurite = _azurite = await PersistentAzurite.StartAsync(Ct);
        var hub = Workflows.Testing.AzuriteFixture.NewPrefix();
        await using var client = await ReliabilityClient.StartAsync(azurite.ConnectionString, hub, partitions: 1, Ct);
        var host = await StartHostAsync("host-c1", azurite.ConnectionString, hub, partitions: 1, continueAsNewAfter: 5);

        // A timer due in the middle of the outage (which starts about 15 s from now).
        var ids = Enumerable.Range(0, 3).Select(i => $"outage-{i}").ToList();
        var due = TimeProvider.System.GetUtcNow().AddSeconds(45);
        foreach (var id in ids)
        {
            await client.Client.StartAsync(ReliabilityProbeDefinition.TypeName, id, new ReliabilityProbeInput("GM0479", [new ReliabilityProbeTimer("during", due)]), "test", Ct);
        }

        var names = Enumerable.Range(0, 12).Select(i => $"e{i:D2}").ToList();
        await SendAsync(client, ids, names[..6]);
        await UntilAsync(async () => (await ReadAllAsync(client, ids)).All(c => c.State?.Events.Count >= 6), TimeSpan.FromSeconds(30), "the events before the outage applied");

        // Let Azurite write its data files, then stop it for real.
        await Task.Delay(TimeSpan.FromSeconds(6), TimeProvider.System, Ct);
        azurite.Kill();
        Log("Azurite killed");
        Assert.True(TimeProvider.System.GetUtcNow() < due, "The timer came due before the outage.");
        await Task.Delay(Outage, TimeProvider.System, Ct);
        Assert.True(TimeProvider.System.GetUtcNow() > due, "The timer did not come due during the outage.");
        Assert.False(host.HasExited, "The host died in the outage.");

        await azurite.RestartAsync(Ct);
        var back = TimeProvider.System.GetUtcNow();
        Log("Azurite started again");
        await SendAsync(client, ids, names[6..]);

        await UntilAsync(async () => (await ReadAllAsync(client, ids)).All(c => c.State is { } s && s.Events.Count >= names.Count && s.Fired.Count >= 1),
            TimeSpan.FromSeconds(90), "every event and the timer applied after the outage");
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System, Ct);

        var end = await ReadAllAsync(client, ids);
        Assert.True(end.All(c => c.State is { } s && s.Events.SequenceEqual(names) && s.Fired.SequenceEqual(["during"])), Describe(end));
        foreach (var id in ids)
        {
            var status = await client.Client.GetStatusAsync(id, Ct);
            Assert.Equal(RuntimeStatus.Running, status!.RuntimeStatus);
            Assert.True(status.LastUpdatedAt >= back, $"{id} was last updated at {status.LastUpdatedAt:O}, before storage came back at {back:O}.");
        }

        Assert.False(host.HasExited);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_azurite is { } azurite)
        {
            try
            {
                Output.WriteLine("----- Azurite -----\n" + azurite.Output());
            }
            catch (InvalidOperationException)
            {
                // The test's output is closed.
            }

            await azurite.DisposeAsync();
        }
    }

    private async Task SendAsync(ReliabilityClient client, IReadOnlyList<string> ids, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            foreach (var id in ids)
            {
                await client.Client.EnqueueEventAsync(id, name, null, "test", $"{id}-{name}", Ct);
            }
        }
    }

    private async Task<(string Id, ReliabilityProbeState? State)[]> ReadAllAsync(ReliabilityClient client, IReadOnlyList<string> ids) =>
        await Task.WhenAll(ids.Select(async id => (id, (await client.ReadAsync(id, Ct))?.State)));
}
