using Workflows.Orchestrations.Cases;

namespace Workflows.Orchestrations.Client;

/// <summary>
/// Moves virtual business time through the real runtime (ARCHITECTURE §5.7), from timer to timer: the clock
/// moves to the next due timer of any running case, every case hears of it (an event recorded in its history
/// like any input), and what that sets off settles before the clock moves on, so a week passes as a week would
/// (each morning's digest, each reminder on its date), not as one jump. Development and tests only.
/// </summary>
public sealed class VirtualTimeDriver(CaseClient client, TimeProvider real)
{
    /// <summary>A bound on the timers one call steps through.</summary>
    public int MaxSteps { get; init; } = 2000;

    /// <summary>How long one step waits at most for the cases to settle (real time).</summary>
    public TimeSpan SettleLimit { get; init; } = TimeSpan.FromSeconds(30);

    private VirtualTimeProvider Clock => client.Clock.VirtualClock ?? throw new InvalidOperationException("The clock is not virtual.");

    /// <summary>Moves business time to <paramref name="target"/>; returns how many steps it took.</summary>
    public async Task<int> AdvanceToAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        var steps = 0;
        var cases = await SettleAsync(cancellationToken);
        for (; steps < MaxSteps; steps++)
        {
            var next = cases.Select(c => c.Timers.Count == 0 ? (DateTimeOffset?)null : c.Timers.Values.Min()).Where(d => d is not null).Min();
            if (next is null || next > target)
            {
                break;
            }

            await MoveAsync(next.Value, cases, cancellationToken);
            cases = await SettleAsync(cancellationToken);
        }

        await MoveAsync(target, cases, cancellationToken);
        await SettleAsync(cancellationToken);
        return steps;
    }

    /// <summary>Waits until every live case runs on the current skew, has no timer due and no activity in flight.</summary>
    public async Task<IReadOnlyList<InstanceStatus>> SettleAsync(CancellationToken cancellationToken)
    {
        var deadline = real.GetUtcNow() + SettleLimit;
        while (true)
        {
            var live = await LiveAsync(cancellationToken);
            var now = Clock.GetUtcNow();
            var skew = Clock.Offset;
            var busy = live.Where(s => s.RuntimeStatus == RuntimeStatus.Pending || s.Pending > 0 || s.Skew < skew || s.Timers.Values.Any(d => d <= now)).ToList();
            if (busy.Count == 0 || real.GetUtcNow() >= deadline)
            {
                return live;
            }

            // Cases on an older skew (started before the last move, or missed it) hear it again.
            foreach (var late in busy.Where(s => s.Skew < skew))
            {
                await client.EnqueueEventAsync(late.InstanceId, CaseMessage.ClockEvent, new ClockMove(skew), "dev-clock", $"clock.{skew.Ticks}", cancellationToken);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), real, cancellationToken);
        }
    }

    private async Task MoveAsync(DateTimeOffset instant, IReadOnlyList<InstanceStatus> cases, CancellationToken cancellationToken)
    {
        var by = instant - Clock.GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            Clock.Advance(by);
        }

        var skew = Clock.Offset;
        foreach (var status in cases)
        {
            await client.EnqueueEventAsync(status.InstanceId, CaseMessage.ClockEvent, new ClockMove(skew), "dev-clock", $"clock.{skew.Ticks}", cancellationToken);
        }
    }

    private async Task<IReadOnlyList<InstanceStatus>> LiveAsync(CancellationToken cancellationToken)
    {
        var all = await client.QueryStatusesAsync(null, null, null, cancellationToken);
        return [.. all.Where(s => s.VirtualTime && s.RuntimeStatus is RuntimeStatus.Pending or RuntimeStatus.Running or RuntimeStatus.Suspended)];
    }
}
