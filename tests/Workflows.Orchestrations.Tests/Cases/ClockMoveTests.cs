using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Runtime;

namespace Workflows.Orchestrations.Tests.Cases;

/// <summary>ARCHITECTURE §5.7: only a case started on a virtual clock takes the development-only clock event.</summary>
public sealed class ClockMoveTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task A_case_started_on_the_production_clock_ignores_a_clock_move_and_its_timer_does_not_fire()
    {
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
        var production = new CaseClient(runtime.Hub.Client, [new ProbeDefinition()], CaseClock.System, runtime.Tables, new CaseClientOptions(), NullLogger<CaseClient>.Instance);
        var due = TimeProvider.System.GetUtcNow().AddDays(1);
        await production.StartAsync(ProbeDefinition.TypeName, "real-clock", new ProbeInput("GM0479", [new ProbeTimer("tomorrow", due)]), "test", _ct);
        await runtime.WaitForAsync("real-clock", s => s.RuntimeStatus == RuntimeStatus.Running && s.Pending == 0);

        await production.EnqueueEventAsync("real-clock", CaseMessage.ClockEvent, new ClockMove(TimeSpan.FromDays(2)), "dev-clock", "clock-1", _ct);
        await production.RaiseEventAsync("real-clock", "after", null, "test", "after-1", _ct);
        var status = await runtime.WaitForAsync("real-clock", s => s.StateAs<ProbeState>().Events.Contains("after"));

        Assert.False(status.VirtualTime);
        Assert.Equal(TimeSpan.Zero, status.Skew);
        Assert.Empty(status.StateAs<ProbeState>().Fired);
        Assert.Equal(due, status.Timers["tomorrow"]);
        Assert.DoesNotContain("clock-1", status.Applied);
    }
}
