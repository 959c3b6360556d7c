using Workflows.Engine.Runtime;
using Workflows.Testing;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>A polling loop's sleep: cut short by work it produced, or by a hint that falls before the sleep would end.</summary>
public sealed class WakeupTests
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task A_hint_later_than_the_wait_leaves_it_alone_and_an_earlier_one_ends_it()
    {
        var wakeup = new Wakeup();
        var waiting = wakeup.WaitAsync(TimeSpan.FromMinutes(5), _ct);
        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, _ct);

        // A case's wake-up days ahead: the loop keeps sleeping (no poll per case started).
        wakeup.At(TimeProvider.System.GetUtcNow().AddDays(3));
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System, _ct);
        Assert.False(waiting.IsCompleted);

        // A message that becomes visible now: the loop looks at once.
        wakeup.At(TimeProvider.System.GetUtcNow());
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), _ct);
    }

    [Fact]
    public async Task A_hint_given_while_the_loop_was_busy_bounds_its_next_wait()
    {
        var wakeup = new Wakeup();
        wakeup.At(TimeProvider.System.GetUtcNow().AddMilliseconds(200));

        await wakeup.WaitAsync(TimeSpan.FromMinutes(5), _ct).WaitAsync(TimeSpan.FromSeconds(30), _ct);
    }

    [Fact]
    public async Task Work_produced_by_this_process_ends_the_wait_at_once()
    {
        var wakeup = new Wakeup();
        var waiting = wakeup.WaitAsync(TimeSpan.FromMinutes(5), _ct);

        wakeup.Now();

        await waiting.WaitAsync(TimeSpan.FromSeconds(30), _ct);
    }
}
