using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// Kills processing at every step boundary (ARCHITECTURE §4.2-4.4): a crashed message reappears after
/// its visibility timeout and is finished by the loop; nothing is lost and nothing is applied twice.
/// </summary>
public sealed class FaultInjectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Theory]
    [InlineData("BeforeCommit")]
    [InlineData("AfterCommitBeforeDispatch")]
    [InlineData("AfterDispatchBeforeDelete")]
    [InlineData("DuringActivity")]
    public async Task A_crash_at_any_step_loses_nothing_and_applies_nothing_twice(string step)
    {
        var point = Enum.Parse<FaultPoint>(step);
        var echo = new Echo();
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], [echo]);
        var crashes = 0;
        // Every other pass through the point dies: each message crashes at least once, and progress continues.
        host.Engine.Faults.Decide = (at, _) => at == point && Interlocked.Increment(ref crashes) % 2 == 1;

        await host.Client.EnqueueStartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        await Eventually.TrueAsync(async () => await host.Client.GetStatusAsync("case-1", _ct) is not null, because: "the start survives");
        for (var i = 1; i <= 10; i++)
        {
            await host.Client.EnqueueEventAsync("case-1", "add", new ProbeCommand(N: i), "test", $"add-{i}", _ct);
        }

        var due = host.Clock.GetUtcNow().AddDays(2);
        await host.Client.EnqueueEventAsync("case-1", "arm", new ProbeCommand(Timer: "t", DueAt: due), "test", "arm", _ct);
        await host.Client.EnqueueEventAsync("case-1", "call", new ProbeCommand(Text: "mail"), "test", "call", _ct);
        await Eventually.TrueAsync(async () => (await host.Client.GetStatusAsync("case-1", _ct))!.Timers.ContainsKey("t"), TimeSpan.FromSeconds(60), "the timer is armed");
        await host.AdvanceAsync(TimeSpan.FromDays(3));

        await Eventually.TrueAsync(
            async () =>
            {
                var s = ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct));
                return s.Count == 55 && s.Fired.Count == 1 && s.Results.Count == 1;
            },
            TimeSpan.FromSeconds(90),
            "every event, the timer and the activity result eventually apply");

        var state = ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct));
        Assert.True(crashes >= 2, $"the fault fired ({crashes})");
        Assert.Equal(55, state.Count); // 1+...+10, each exactly once
        Assert.Equal(state.Applied.Count, state.Applied.Distinct().Count());
        Assert.Equal(["t"], state.Fired);
        Assert.Single(state.Results);
        Assert.True(echo.Runs["case-1.mail"] >= (point == FaultPoint.DuringActivity ? 2 : 1), "a killed activity runs again");
    }

    [Fact]
    public async Task A_crash_inside_an_inline_call_is_finished_by_the_queue()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        host.Engine.Faults.Decide = (at, _) => at == FaultPoint.AfterCommitBeforeDispatch;

        await Assert.ThrowsAnyAsync<Exception>(() => host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "t", DueAt: host.Clock.GetUtcNow().AddDays(1)), "api", "evt", _ct));
        host.Engine.Faults.Decide = null;
        await host.AdvanceAsync(TimeSpan.FromDays(2));

        // The transition committed but its timer was never dispatched; the redelivered message re-sends it.
        await Eventually.TrueAsync(
            async () =>
            {
                await host.Engine.SweepTimersAsync(_ct);
                return ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Fired.Count == 1;
            },
            TimeSpan.FromSeconds(30),
            "the timer from the crashed call still fires");
    }

    [Fact]
    public async Task A_start_that_died_after_its_commit_sends_its_outbox_when_redelivered()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        host.Engine.Faults.Decide = (at, _) => at == FaultPoint.AfterCommitBeforeDispatch;

        await Assert.ThrowsAnyAsync<Exception>(() => host.Client.StartAsync(Probe.Name, "case-s", new ProbeInput("a", "GM0439"), "api", _ct));
        host.Engine.Faults.Decide = null;
        Assert.NotNull(await host.Client.GetStatusAsync("case-s", _ct));
        Assert.Empty(await host.Client.QueryInstancesAsync("GM0439", null, null, _ct));

        // The redelivered start changes nothing (the instance exists) but finds its dedupe row and re-sends the
        // outbox it never sent: here the catalog row.
        await Eventually.TrueAsync(
            async () => (await host.Client.QueryInstancesAsync("GM0439", null, null, _ct)).Any(i => i.InstanceId == "case-s"),
            TimeSpan.FromSeconds(90),
            "the catalog row of the crashed start appears");
    }
}
