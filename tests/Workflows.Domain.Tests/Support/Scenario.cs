using Microsoft.Extensions.Time.Testing;
using Workflows.Domain.Calendar;
using Workflows.Domain.Decisions;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Client;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Domain.Tests.Support;

/// <summary>
/// A scenario harness over a real engine (Azurite, virtual clock): start a case, move the clock to a
/// Dutch date and time, let everything due run, then look at what was sent.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    private Scenario(TestEngine host, NotifyRecorder notify, PurgeRecorder purge)
    {
        Host = host;
        Notify = notify;
        Purge = purge;
    }

    public TestEngine Host { get; }

    public NotifyRecorder Notify { get; }

    public PurgeRecorder Purge { get; }

    public OrchestrationClient Client => Host.Client;

    public WorkingDayCalendar Calendar { get; } = new();

    public DateTimeOffset Now => Host.Clock.GetUtcNow();

    public static async Task<Scenario> StartAsync(AzuriteFixture azurite, DateTimeOffset start, Func<WorkingDayCalendar, ICaseDefinition> definition)
    {
        var clock = new FakeTimeProvider(start);
        var notify = new NotifyRecorder(clock);
        var purge = new PurgeRecorder();
        var calendar = new WorkingDayCalendar();
        var host = await TestEngine.StartAsync(azurite, [CaseDefinitionAdapter.Wrap(definition(calendar))], [notify, purge], clock);
        return new Scenario(host, notify, purge);
    }

    /// <summary>Dutch wall-clock time on a date.</summary>
    public static DateTimeOffset At(string date, int hour = 10, int minute = 0) =>
        DutchTime.AtLocal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(hour, minute));

    /// <summary>Moves the clock to <paramref name="instant"/> in hops at each due timer, letting each fire in order.</summary>
    public async Task AdvanceToAsync(DateTimeOffset instant, params string[] instanceIds)
    {
        while (true)
        {
            await SettleAsync(instanceIds);
            var next = await NextTimerAsync(instanceIds);
            if (next is null || next > instant)
            {
                break;
            }

            await Host.AdvanceToAsync(next.Value > Now ? next.Value : Now);
        }

        if (instant > Now)
        {
            await Host.AdvanceToAsync(instant);
        }

        await SettleAsync(instanceIds);
    }

    public async Task<InstanceStatus> StatusAsync(string id) =>
        await Client.GetStatusAsync(id, _ct) ?? throw new InvalidOperationException($"{id} not found");

    public Task<InstanceStatus?> RaiseAsync(string id, string name, object? payload, string source = "staff-1") =>
        Client.RaiseEventAsync(id, name, payload, source, null, _ct);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private async Task<DateTimeOffset?> NextTimerAsync(string[] ids)
    {
        DateTimeOffset? next = null;
        foreach (var id in ids)
        {
            if (await Client.GetStatusAsync(id, _ct) is { } status)
            {
                foreach (var due in status.Timers.Values)
                {
                    next = next is null || due < next ? due : next;
                }
            }
        }

        return next;
    }

    /// <summary>Waits until no timer of these instances is due and every queue is empty.</summary>
    private async Task SettleAsync(string[] ids)
    {
        await Eventually.TrueAsync(
            async () =>
            {
                await Host.Engine.SweepTimersAsync(_ct);
                foreach (var id in ids)
                {
                    if (await Client.GetStatusAsync(id, _ct) is { } status && status.Timers.Values.Any(d => d <= Now))
                    {
                        return false;
                    }
                }

                foreach (var queue in Host.Storage.AllQueues)
                {
                    var properties = await queue.GetPropertiesAsync(_ct);
                    if (queue != Host.Storage.Poison && properties.Value.ApproximateMessagesCount > 0)
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(30),
            "the engine settles",
            _ct);
    }
}
