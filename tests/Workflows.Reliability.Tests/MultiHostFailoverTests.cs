using Workflows.Orchestrations.Client;
using Workflows.Reliability.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Host;
using Xunit.Abstractions;

namespace Workflows.Reliability.Tests;

/// <summary>(b) Several host processes on one task hub (4 partitions), one killed mid-run: its partitions move, every case ends right.</summary>
public sealed class MultiHostFailoverTests(AzuriteFixture azurite, ITestOutputHelper output) : ReliabilityTest(output), IClassFixture<AzuriteFixture>
{
    private const int Partitions = 4;
    private const int Cases = 20;
    private const int EventsPerCase = 8;

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task One_of_several_hosts_killed_mid_run_its_partitions_move_and_every_case_gets_its_events_once_in_order_and_its_timer(int hostCount)
    {
        var hub = AzuriteFixture.NewPrefix();
        await using var client = await ReliabilityClient.StartAsync(azurite.ConnectionString, hub, Partitions, Ct);
        await Task.WhenAll(Enumerable.Range(1, hostCount).Select(i => StartHostAsync($"host-b{i}", azurite.ConnectionString, hub, Partitions)));

        // The partitions spread over the hosts (each process is its own worker), so the one killed holds some.
        // (Without a worker id of its own each, all hosts are one worker to DTFx: then the first one is killed.)
        var owners = await OwnersAsync(client, atLeast: HostProcess.OwnWorkerId ? 2 : 1, TimeSpan.FromSeconds(60));
        var victimId = owners.Values.GroupBy(o => o, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First().Key;
        var victim = Hosts.First(h => h.WorkerId == victimId);

        var ids = Enumerable.Range(0, Cases).Select(i => $"case-{i:D2}").ToList();
        var names = Enumerable.Range(0, EventsPerCase).Select(i => $"e{i}").ToList();
        var due = TimeProvider.System.GetUtcNow().AddSeconds(20);
        foreach (var id in ids)
        {
            await client.Client.StartAsync(ReliabilityProbeDefinition.TypeName, id, new ReliabilityProbeInput("GM0479", [new ReliabilityProbeTimer("deadline", due)]), "test", Ct);
        }

        // Events in rounds, every case one event a round; the victim dies half-way.
        for (var round = 0; round < EventsPerCase; round++)
        {
            if (round == EventsPerCase / 2)
            {
                await UntilAsync(async () => (await Task.WhenAll(ids.Select(id => client.ReadAsync(id, Ct)))).Sum(c => c?.State.Events.Count ?? 0) >= Cases,
                    TimeSpan.FromSeconds(30), "the first round applied");
                victim.Kill();
                Log($"killed {victim.Name}, owner of {string.Join(",", owners.Where(o => o.Value == victimId).Select(o => o.Key))}");
            }

            foreach (var id in ids)
            {
                await client.Client.EnqueueEventAsync(id, names[round], null, "test", $"{id}-{names[round]}", Ct);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System, Ct);
        }

        try
        {
            await UntilAsync(async () => (await Task.WhenAll(ids.Select(id => client.ReadAsync(id, Ct))))
                .All(c => c?.State.Events.Count >= EventsPerCase && c.Value.State.Fired.Count >= 1), TimeSpan.FromSeconds(90), "every case has all its events and its timer");
        }
        catch (Xunit.Sdk.XunitException e)
        {
            var stuck = await Task.WhenAll(ids.Select(async id => (Id: id, State: (await client.ReadAsync(id, CancellationToken.None))?.State)));
            throw new Xunit.Sdk.XunitException(e.Message + "\n" + Describe(stuck));
        }

        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System, Ct);

        var end = await Task.WhenAll(ids.Select(async id => (Id: id, State: (await client.ReadAsync(id, Ct))?.State)));
        Assert.True(end.All(c => c.State is { } s && s.Events.SequenceEqual(names) && s.Fired.SequenceEqual(["deadline"])), Describe(end));

        // The dead worker holds nothing now; the living ones hold every partition.
        var after = await OwnersAsync(client, atLeast: 1, TimeSpan.FromSeconds(30));
        if (HostProcess.OwnWorkerId)
        {
            Assert.DoesNotContain(victimId, after.Values);
        }

        Assert.All(Hosts.Where(h => h != victim), h => Assert.False(h.HasExited));
    }

    /// <summary>Waits until every partition's ownership lease is held, by at least <paramref name="atLeast"/> workers.</summary>
    private async Task<IReadOnlyDictionary<string, string>> OwnersAsync(ReliabilityClient client, int atLeast, TimeSpan timeout)
    {
        IReadOnlyDictionary<string, string> owners = new Dictionary<string, string>();
        var living = Hosts.Where(h => !h.HasExited).Select(h => h.WorkerId).ToHashSet(StringComparer.Ordinal);
        await UntilAsync(async () =>
        {
            owners = await client.PartitionOwnersAsync(Ct);
            return owners.Count == Partitions && owners.Values.All(living.Contains) && owners.Values.Distinct(StringComparer.Ordinal).Count() >= atLeast;
        }, timeout, $"all {Partitions} partitions held by {atLeast}+ living workers");
        Log("owners: " + string.Join(", ", owners.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")));
        return owners;
    }
}
