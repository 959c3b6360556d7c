using Azure.Data.Tables;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Purge removes every row and message of an instance and records itself without personal data (§4.11).</summary>
public sealed class PurgeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string PersonalData = "Jansen-1991-07-03";
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Theory]
    [InlineData(TimerMode.Indexed)]
    [InlineData(TimerMode.Queue)]
    public async Task Purge_leaves_no_row_or_message_of_the_instance(TimerMode mode)
    {
        var probe = new Probe();
        await using var host = await TestEngine.StartAsync(azurite, [probe], [new Echo()], configure: o => o.TimerMode = mode);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput(PersonalData), "test", _ct);
        await host.Client.StartAsync(Probe.Name, "case-2", new ProbeInput("keep me"), "test", _ct);
        var now = host.Clock.GetUtcNow();
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "soon", DueAt: now.AddDays(1)), "test", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "later", DueAt: now.AddDays(100)), "test", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "index", new ProbeCommand(N: 3, Text: "coordinator-1"), "test", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "index", new ProbeCommand(N: 1, Text: "coordinator-1"), "test", null, _ct); // leaves tombstones
        await host.Client.RaiseEventAsync("case-1", "call", new ProbeCommand(Text: "x"), "test", null, _ct);
        await host.Client.EnqueueEventAsync("case-1", "boom", new ProbeCommand(Text: PersonalData), "test", "boom", _ct); // poisoned, parked
        await Eventually.TrueAsync(async () => (await host.Client.GetStatusAsync("case-1", _ct))!.RuntimeStatus == RuntimeStatus.Failed, because: "the poison message is parked");
        await host.Client.RaiseEventAsync("case-2", "index", new ProbeCommand(N: 1), "test", null, _ct);

        Assert.True(await host.Client.PurgeAsync("case-1", "retention expired", _ct));

        foreach (var table in new[] { host.Storage.Instances, host.Storage.Index, host.Storage.Timers })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: _ct))
            {
                var text = string.Join("|", row.Select(kv => $"{kv.Key}={kv.Value}"));
                Assert.DoesNotContain("case-1", text, StringComparison.Ordinal);
                Assert.DoesNotContain(PersonalData, text, StringComparison.Ordinal);
            }
        }

        foreach (var queue in host.Storage.AllQueues)
        {
            foreach (var message in (await queue.PeekMessagesAsync(32, _ct)).Value)
            {
                Assert.DoesNotContain("case-1", message.Body.ToString(), StringComparison.Ordinal);
            }
        }

        // Invisible messages (timers months away) are counted too: none may remain.
        Assert.Equal(0, (await host.Storage.TimerQueue.GetPropertiesAsync(_ct)).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await host.Storage.Poison.GetPropertiesAsync(_ct)).Value.ApproximateMessagesCount);

        var audit = await host.Storage.Audit.QueryAsync<TableEntity>(cancellationToken: _ct).ToListAsync(_ct);
        var record = Assert.Single(audit);
        Assert.Equal("case-1", record.GetString("InstanceId"));
        Assert.DoesNotContain(PersonalData, string.Join("|", record.Select(kv => kv.Value)), StringComparison.Ordinal);
        Assert.Null(await host.Client.GetStatusAsync("case-1", _ct));
        Assert.NotNull(await host.Client.GetStatusAsync("case-2", _ct));
        Assert.Single(await host.Client.QueryIndexAsync("worklist|GM0479", null, null, null, null, _ct));

        // A timer of the purged instance that was already on its way changes nothing.
        await host.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Null(await host.Client.GetStatusAsync("case-1", _ct));
        Assert.False(await host.Client.PurgeAsync("case-1", "again", _ct));
    }
}
