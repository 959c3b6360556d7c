using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// Concurrent inline calls share their recovery message (group commit); a member that dies midway is still
/// finished by the queue, and the members that succeeded are not applied twice.
/// </summary>
public sealed class RecoveryGroupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task Calls_that_arrive_while_a_recovery_message_is_being_sent_share_the_next_one()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], runLoops: false, configure: o => o.MessageVisibility = TimeSpan.FromMinutes(5));
        var batcher = new RecoveryBatcher(host.Storage.Work, new EngineOptions { MessageVisibility = TimeSpan.FromMinutes(5) });

        // Joined back to back: the first goes alone, the other nine wait for its send and then go as one.
        var joins = Enumerable.Range(1, 10)
            .Select(i => batcher.JoinAsync(new WorkMessage(WorkKind.Event, $"case-{i}", $"e-{i}", "add"), _ct))
            .ToList();
        var groups = await Task.WhenAll(joins);

        var messages = (await host.Storage.Work.GetPropertiesAsync(_ct)).Value.ApproximateMessagesCount;
        Assert.InRange(messages, 1, 2);
        Assert.Equal(messages, groups.Distinct().Count());

        // A group's message goes once every member left it, and only then.
        foreach (var group in groups.Distinct())
        {
            var members = groups.Count(g => g == group);
            for (var i = 0; i < members; i++)
            {
                Assert.Equal(messages, (await host.Storage.Work.GetPropertiesAsync(_ct)).Value.ApproximateMessagesCount);
                await group.LeaveAsync(succeeded: true, _ct);
            }

            messages--;
            Assert.Equal(messages, (await host.Storage.Work.GetPropertiesAsync(_ct)).Value.ApproximateMessagesCount);
        }
    }

    [Fact]
    public async Task A_recovery_message_whose_members_cannot_be_read_goes_to_the_poison_queue()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        var unreadable = new WorkMessage(WorkKind.Group, "case-1", "g-1", "group", System.Text.Json.JsonDocument.Parse("\"not a list\"").RootElement.Clone(), "engine");

        await host.Storage.Work.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(unreadable, Workflows.Engine.Abstractions.EngineJson.Options), _ct);

        await Eventually.TrueAsync(
            async () => (await host.Storage.Poison.PeekMessagesAsync(32, _ct)).Value.Length == 1
                && (await host.Storage.Work.GetPropertiesAsync(_ct)).Value.ApproximateMessagesCount == 0,
            because: "the group leaves the work queue for the poison queue instead of coming back forever");
    }

    [Fact]
    public async Task A_member_that_dies_after_its_commit_is_finished_from_the_shared_message_and_the_others_apply_once()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        var ids = Enumerable.Range(1, 12).Select(i => $"case-{i}").ToList();
        await Task.WhenAll(ids.Select(id => host.Client.StartAsync(Probe.Name, id, new ProbeInput(id), "test", _ct)));
        var due = host.Clock.GetUtcNow().AddDays(1);
        var crashed = 0;
        host.Engine.Faults.Decide = (at, id) => at == FaultPoint.AfterCommitBeforeDispatch && id == "case-5" && Interlocked.Exchange(ref crashed, 1) == 0;

        var calls = ids.Select(id => host.Client.RaiseEventAsync(id, "arm", new ProbeCommand(Timer: "t", DueAt: due), "test", $"arm-{id}", _ct)).ToList();
        await Assert.ThrowsAsync<SimulatedCrashException>(() => calls[4]);
        await Task.WhenAll(calls.Where((_, i) => i != 4));
        host.Engine.Faults.Decide = null;

        // case-5 committed its arming but never sent its wake-up; its (shared) recovery message reappears.
        await host.AdvanceAsync(TimeSpan.FromDays(2));
        await Eventually.TrueAsync(
            async () =>
            {
                await host.Engine.SweepTimersAsync(_ct);
                foreach (var id in ids)
                {
                    if (ProbeStatus.Of(await host.Client.GetStatusAsync(id, _ct)).Fired.Count != 1)
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(60),
            "every instance's timer fires, case-5's too");

        foreach (var id in ids)
        {
            var state = ProbeStatus.Of(await host.Client.GetStatusAsync(id, _ct));
            Assert.Equal(["t"], state.Fired);
            Assert.Equal(state.Applied.Count, state.Applied.Distinct().Count());
        }
    }
}
