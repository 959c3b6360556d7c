using System.Text.Json;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

public sealed class TimerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    /// <summary>Queue mode with a one-second hop so a fake clock's 200 days are crossed in real seconds.</summary>
    private static void QueueTimersWithShortHops(EngineOptions options)
    {
        options.TimerMode = TimerMode.Queue;
        options.TimerMaxHop = TimeSpan.FromSeconds(1);
    }

    [Fact]
    public async Task A_200_day_queue_timer_hops_and_fires_once_the_clock_reaches_it()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], configure: QueueTimersWithShortHops);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var due = host.Clock.GetUtcNow().AddDays(200);
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "long", DueAt: due), "test", null, _ct);

        await Eventually.TrueAsync(() => Task.FromResult(host.Engine.TimerHops >= 2), because: "the timer re-arms while not due");
        Assert.Empty(await FiredAsync(host));

        host.Clock.Advance(TimeSpan.FromDays(200));

        await Eventually.TrueAsync(async () => (await FiredAsync(host)).Count == 1, because: "the timer fires after the clock passed its due time");
        var status = await host.Client.GetStatusAsync("case-1", _ct);
        Assert.Empty(status!.Timers);
        var tracking = host.Storage.Instances.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "case-1" && e.RowKey.CompareTo("m|") >= 0 && e.RowKey.CompareTo("m}") < 0, cancellationToken: _ct);
        Assert.Empty(await tracking.ToListAsync(_ct)); // the fired timer's message location is forgotten
    }

    [Theory]
    [InlineData(TimerMode.Indexed)]
    [InlineData(TimerMode.Queue)]
    public async Task A_cancelled_timer_never_fires(TimerMode mode)
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], configure: o => Configure(o, mode));
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var start = host.Clock.GetUtcNow();
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "cancelled", DueAt: start.AddDays(5)), "test", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "sentinel", DueAt: start.AddDays(5)), "test", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "disarm", new ProbeCommand(Timer: "cancelled"), "test", null, _ct);

        await host.AdvanceAsync(TimeSpan.FromDays(6));

        await Eventually.TrueAsync(async () => (await FiredAsync(host)).Contains("sentinel"), because: "a timer due at the same moment fires");
        await QueuesDrainedAsync(host);
        Assert.Equal(["sentinel"], await FiredAsync(host));
    }

    [Theory]
    [InlineData(TimerMode.Indexed)]
    [InlineData(TimerMode.Queue)]
    public async Task A_rescheduled_timer_fires_at_the_new_time_only(TimerMode mode)
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], configure: o => Configure(o, mode));
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var start = host.Clock.GetUtcNow();
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "deadline", DueAt: start.AddDays(10)), "test", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "deadline", DueAt: start.AddDays(20)), "test", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "sentinel", DueAt: start.AddDays(11)), "test", null, _ct);

        await host.AdvanceAsync(TimeSpan.FromDays(12));
        await Eventually.TrueAsync(async () => (await FiredAsync(host)).Contains("sentinel"), because: "the sentinel fires at day 11");
        await QueuesDrainedAsync(host);
        Assert.Equal(["sentinel"], await FiredAsync(host));

        await host.AdvanceAsync(TimeSpan.FromDays(9));
        await Eventually.TrueAsync(async () => (await FiredAsync(host)).Contains("deadline"), because: "the deadline fires at its new time");
        await QueuesDrainedAsync(host);
        Assert.Equal(["sentinel", "deadline"], await FiredAsync(host));
    }

    [Theory]
    [InlineData(TimerMode.Indexed)]
    [InlineData(TimerMode.Queue)]
    public async Task An_instance_keeps_one_wakeup_in_flight_and_its_timers_fire_in_due_order(TimerMode mode)
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], configure: o => Configure(o, mode));
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var start = host.Clock.GetUtcNow();
        foreach (var (name, days) in new[] { ("c", 3), ("b", 2), ("a", 1), ("a2", 1) })
        {
            await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: name, DueAt: start.AddDays(days)), "test", null, _ct);
        }

        // Four timers, one wake-up: each arming that moved the earliest timer withdrew the wake-up before it.
        Assert.Equal(1, await WakeupsInFlightAsync(host, mode));
        await host.Client.RaiseEventAsync("case-1", "disarm", new ProbeCommand(Timer: "b"), "test", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "disarm", new ProbeCommand(Timer: "a"), "test", null, _ct);
        Assert.Equal(1, await WakeupsInFlightAsync(host, mode));

        await host.AdvanceAsync(TimeSpan.FromDays(4));
        await Eventually.TrueAsync(async () => (await FiredAsync(host)).Count == 2, because: "both remaining timers are overdue");
        await QueuesDrainedAsync(host);
        Assert.Equal(["a2", "c"], await FiredAsync(host));
        Assert.Equal(0, await WakeupsInFlightAsync(host, mode));
        Assert.Empty((await host.Client.GetStatusAsync("case-1", _ct))!.Timers);
    }

    [Fact]
    public async Task Timers_due_at_the_same_instant_all_fire()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var due = host.Clock.GetUtcNow().AddHours(8);
        foreach (var name in new[] { "z", "y", "x" })
        {
            await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: name, DueAt: due), "test", null, _ct);
        }

        await host.AdvanceAsync(TimeSpan.FromHours(8));

        await Eventually.TrueAsync(async () => (await FiredAsync(host)).Count == 3, because: "each firing wakes the instance again for the next one due");
        Assert.Equal(["x", "y", "z"], await FiredAsync(host));
    }

    [Fact]
    public async Task A_current_wakeup_that_finds_no_timer_due_arms_itself_again_and_the_timer_still_fires_on_time()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var due = host.Clock.GetUtcNow().AddDays(2);
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "t", DueAt: due), "test", null, _ct);
        var armed = (await host.Client.GetStatusAsync("case-1", _ct))!.Sequence;

        // The current wake-up, surfacing while its timer is not yet due (it cannot, unless a clock went back).
        var early = WorkMessage.Wakeup("case-1", $"{armed}", host.Clock.GetUtcNow());
        await host.Storage.Work.SendMessageAsync(JsonSerializer.Serialize(early, EngineJson.Options), _ct);
        await Eventually.TrueAsync(
            async () => (await host.Client.GetHistoryAsync("case-1", _ct)).Any(h => h.What == "wakeup-rearmed"),
            because: "the early wake-up is replaced by one for the timer's due time");
        Assert.Empty(await FiredAsync(host));

        await host.AdvanceAsync(TimeSpan.FromDays(2));
        await Eventually.TrueAsync(async () => (await FiredAsync(host)).Count == 1, because: "the re-armed wake-up fires the timer");
    }

    [Theory]
    [InlineData(-5.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.3, 1.0)] // truncated, it would surface at once, early, and hop again and again until due
    [InlineData(1.99, 2.0)]
    [InlineData(3.0, 3.0)]
    [InlineData(864_000.0, 518_400.0)] // ten days: one hop of six
    public void A_wakeup_message_never_surfaces_before_it_is_due(double remainingSeconds, double expectedDelaySeconds)
    {
        var delay = QueueTimerScheduler.VisibilityDelay(TimeSpan.FromSeconds(remainingSeconds), TimeSpan.FromDays(6));

        Assert.Equal(TimeSpan.FromSeconds(expectedDelaySeconds), delay);
    }

    [Fact]
    public async Task A_stale_timer_firing_changes_nothing()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var due = host.Clock.GetUtcNow().AddDays(1);
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "t", DueAt: due), "test", null, _ct);
        var armedAt = (await host.Client.GetStatusAsync("case-1", _ct))!.Sequence;
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "t", DueAt: due.AddDays(1)), "test", null, _ct);
        var before = await host.Client.GetStatusAsync("case-1", _ct);

        // Deliver the superseded wake-up by hand, as a late queue message would (its id is the sequence that armed it).
        var stale = WorkMessage.Wakeup("case-1", $"{armedAt}", due);
        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.Storage.Work.SendMessageAsync(JsonSerializer.Serialize(stale, EngineJson.Options), _ct);
        await QueuesDrainedAsync(host);

        var after = await host.Client.GetStatusAsync("case-1", _ct);
        Assert.Equal(before!.Sequence, after!.Sequence);
        Assert.Empty(ProbeStatus.Of(after).Fired);
    }

    [Fact]
    public async Task Overdue_timers_fire_promptly_when_a_host_starts_after_downtime()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        await using (var first = await TestEngine.StartAsync(azurite, [new Probe()], clock: clock, prefix: prefix, runLoops: false))
        {
            await first.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
            await first.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "t", DueAt: clock.GetUtcNow().AddHours(1)), "test", null, _ct);
        }

        clock.Advance(TimeSpan.FromDays(3)); // nobody was running
        await using var second = await TestEngine.StartAsync(azurite, [new Probe()], clock: clock, prefix: prefix);

        await Eventually.TrueAsync(async () => (await FiredAsync(second)).Count == 1, TimeSpan.FromSeconds(10), "the overdue timer fires on start");
    }

    private static void Configure(EngineOptions options, TimerMode mode)
    {
        if (mode == TimerMode.Queue)
        {
            QueueTimersWithShortHops(options);
        }
    }

    private async Task<List<string>> FiredAsync(TestEngine host) =>
        [.. ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Fired];

    /// <summary>
    /// Wake-ups of case-1 that storage holds: its tracked queue messages (stable across hops) and, to be
    /// sure nothing untracked is left, the queue's own count; or its rows in the due-time index.
    /// </summary>
    private async Task<int> WakeupsInFlightAsync(TestEngine host, TimerMode mode)
    {
        if (mode == TimerMode.Indexed)
        {
            return await host.Storage.Timers.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "due", cancellationToken: _ct)
                .CountAsync(e => e.GetString("InstanceId") == "case-1", _ct);
        }

        var tracked = await host.Storage.Instances.QueryAsync<Azure.Data.Tables.TableEntity>(
            e => e.PartitionKey == "case-1" && e.RowKey.CompareTo("m|") >= 0 && e.RowKey.CompareTo("m}") < 0, cancellationToken: _ct).CountAsync(_ct);
        await Eventually.TrueAsync(
            async () => (await host.Storage.TimerQueue.GetPropertiesAsync(_ct)).Value.ApproximateMessagesCount == tracked,
            because: "the timer queue holds the tracked wake-ups and nothing else (a hop's old copy is deleted right after)");
        return tracked;
    }

    /// <summary>Waits until no visible message is left on the work queue (so a stale firing, if any, was applied).</summary>
    private async Task QueuesDrainedAsync(TestEngine host)
    {
        await host.Engine.SweepTimersAsync(_ct);
        await Eventually.TrueAsync(
            async () => (await host.Storage.Work.PeekMessagesAsync(32, _ct)).Value.Length == 0
                && (await host.Storage.TimerQueue.PeekMessagesAsync(32, _ct)).Value.Length == 0,
            because: "the queues drain");
    }
}
