using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Runtime;

namespace Workflows.Orchestrations.Tests.Cases;

public sealed class CaseLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Start_is_visible_at_once_and_an_event_answers_once_the_case_shows_it()
    {
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
        var started = await runtime.Client.StartAsync(ProbeDefinition.TypeName, "p-1", new ProbeInput("GM0479"), "test", _ct);
        Assert.True(started.Created);
        Assert.Equal("GM0479", started.Status.Scope);
        Assert.NotNull(await runtime.Client.GetStatusAsync("p-1", _ct));

        var again = await runtime.Client.StartAsync(ProbeDefinition.TypeName, "p-1", new ProbeInput("GM0439"), "test", _ct);
        Assert.False(again.Created);
        Assert.Equal("GM0479", again.Status.Scope);

        // Once the case runs (its first episode done), an event shows within the request's wait.
        await runtime.WaitForAsync("p-1", s => s.RuntimeStatus == RuntimeStatus.Running && s.Pending == 0);
        var raised = await runtime.Client.RaiseEventAsync("p-1", "hello", null, "staff-1", "ev-1", _ct);
        Assert.NotNull(raised);
        Assert.True(raised.Applied);
        Assert.Equal(["hello"], raised.Status.StateAs<ProbeState>().Events);
        Assert.Equal(RuntimeStatus.Running, raised.Status.RuntimeStatus);

        // The same request again (same id) changes nothing and answers as applied.
        var replay = await runtime.Client.RaiseEventAsync("p-1", "hello", null, "staff-1", "ev-1", _ct);
        Assert.True(replay!.Applied);
        Assert.Equal(["hello"], replay.Status.StateAs<ProbeState>().Events);
    }

    [Fact]
    public async Task A_burst_of_events_across_continue_as_new_is_applied_once_each_in_order()
    {
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()], configureCases: o => o.ContinueAsNewAfter = 3);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, "burst", new ProbeInput("GM0479"), "test", _ct);
        var names = Enumerable.Range(0, 40).Select(i => $"e{i:D2}").ToList();
        foreach (var name in names)
        {
            await runtime.Client.EnqueueEventAsync("burst", name, null, "test", $"id-{name}", _ct);
        }

        // The same ids again: a redelivery changes nothing.
        foreach (var name in names.Take(10))
        {
            await runtime.Client.EnqueueEventAsync("burst", name, null, "test", $"id-{name}", _ct);
        }

        var status = await runtime.WaitForAsync("burst", s => s.StateAs<ProbeState>().Events.Count >= 40, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, _ct);
        status = await runtime.Client.GetStatusAsync("burst", _ct) ?? throw new InvalidOperationException();
        Assert.Equal(names, status.StateAs<ProbeState>().Events);
    }

    [Fact]
    public async Task Timers_fire_in_due_order_on_the_virtual_clock_and_a_cancelled_one_never()
    {
        var start = new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()], start: start);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, "timers", new ProbeInput("GM0479",
        [
            new ProbeTimer("late", start.AddDays(200)),
            new ProbeTimer("first", start.AddDays(1)),
            new ProbeTimer("second", start.AddDays(2)),
            new ProbeTimer("gone", start.AddDays(3)),
        ]), "test", _ct);
        await runtime.Client.RaiseEventAsync("timers", "cancel:gone", null, "test", null, _ct);

        await runtime.AdvanceToAsync(start.AddDays(201), _ct);

        var fired = (await runtime.Client.GetStatusAsync("timers", _ct))!.StateAs<ProbeState>().Fired;
        Assert.Equal(["first", "second", "late"], fired.Select(f => f.Split('@')[0]));
        Assert.All(fired.Zip([start.AddDays(1), start.AddDays(2), start.AddDays(200)]), pair =>
            Assert.True(DateTimeOffset.Parse(pair.First.Split('@')[1], System.Globalization.CultureInfo.InvariantCulture) >= pair.Second));
    }

    [Fact]
    public async Task An_event_from_a_case_to_one_that_has_only_just_been_started_is_applied_once()
    {
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
        // Each target is still Pending (its start not yet run) when its sender's start sends it an event.
        var pairs = Enumerable.Range(1, 10).Select(i => (Target: $"merge-target-{i}", Sender: $"merge-sender-{i}")).ToList();
        foreach (var (target, sender) in pairs)
        {
            await runtime.Client.StartAsync(ProbeDefinition.TypeName, target, new ProbeInput("GM0479"), "test", _ct);
            await runtime.Client.StartAsync(ProbeDefinition.TypeName, sender, new ProbeInput("GM0479", SendAtStart: new ProbeSend(target, "absorb")), "test", _ct);
        }

        foreach (var (target, _) in pairs)
        {
            var shown = await runtime.WaitForAsync(target, s => s.StateAs<ProbeState>().Events.Contains("absorb"), TimeSpan.FromSeconds(60));
            Assert.Equal(["absorb"], shown.StateAs<ProbeState>().Events);
        }
    }
}
