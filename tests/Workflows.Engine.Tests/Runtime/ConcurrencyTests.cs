using Workflows.Engine.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Several hosts on one storage account compete for the same instances (ARCHITECTURE §4.5).</summary>
public sealed class ConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Competing_hosts_lose_no_update(int hostCount)
    {
        var prefix = AzuriteFixture.NewPrefix();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        var hosts = new List<TestEngine>();
        for (var i = 0; i < hostCount; i++)
        {
            hosts.Add(await TestEngine.StartAsync(azurite, [new Probe()], clock: clock, prefix: prefix));
        }

        try
        {
            const int instances = 4;
            const int eventsPerInstance = 25;
            for (var c = 0; c < instances; c++)
            {
                await hosts[c % hostCount].Client.StartAsync(Probe.Name, $"case-{c}", new ProbeInput("x"), "test", _ct);
            }

            // Interleave: event i of every instance goes out before event i+1, from alternating hosts,
            // half queued for the loops and half applied inline, so hosts collide on the same instances.
            var sends = new List<Task>();
            for (var i = 1; i <= eventsPerInstance; i++)
            {
                for (var c = 0; c < instances; c++)
                {
                    var client = hosts[(i + c) % hostCount].Client;
                    var (id, n, eventId) = ($"case-{c}", i, $"add-{c}-{i}");
                    sends.Add(i % 2 == 0
                        ? client.EnqueueEventAsync(id, "add", new ProbeCommand(N: n), "test", eventId, _ct)
                        : client.RaiseEventAsync(id, "add", new ProbeCommand(N: n), "test", eventId, _ct));
                }
            }

            await Task.WhenAll(sends);
            const int expected = eventsPerInstance * (eventsPerInstance + 1) / 2;
            for (var c = 0; c < instances; c++)
            {
                var id = $"case-{c}";
                await Eventually.TrueAsync(async () => ProbeStatus.Of(await hosts[0].Client.GetStatusAsync(id, _ct)).Count == expected, TimeSpan.FromSeconds(60), $"{id} sums every event");
                var state = ProbeStatus.Of(await hosts[0].Client.GetStatusAsync(id, _ct));
                Assert.Equal(eventsPerInstance, state.Applied.Count);
                Assert.Equal(eventsPerInstance, state.Applied.Distinct().Count());
                Assert.Equal(eventsPerInstance + 1, (await hosts[0].Client.GetStatusAsync(id, _ct))!.Sequence);
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }
}
