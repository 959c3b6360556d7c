using Workflows.Domain.Calendar;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Client;
using Workflows.Testing;
using Workflows.Testing.Runtime;

namespace Workflows.Domain.Tests.Support;

/// <summary>
/// A scenario harness over the real Durable Task runtime (Azurite, virtual business clock): start a case, move
/// the clock to a Dutch date and time, let everything due run, then look at what was sent.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(180));

    private Scenario(TestRuntime host, NotifyRecorder notify, PurgeRecorder purge)
    {
        Host = host;
        Notify = notify;
        Purge = purge;
    }

    public TestRuntime Host { get; }

    public NotifyRecorder Notify { get; }

    public PurgeRecorder Purge { get; }

    public CaseClient Client => Host.Client;

    public WorkingDayCalendar Calendar { get; } = new();

    public DateTimeOffset Now => Host.Clock.GetUtcNow();

    public static async Task<Scenario> StartAsync(AzuriteFixture azurite, DateTimeOffset start, Func<WorkingDayCalendar, ICaseDefinition> definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var calendar = new WorkingDayCalendar();
        var notify = new NotifyRecorder();
        var purge = new PurgeRecorder();
        var host = await TestRuntime.StartAsync(azurite, [definition(calendar)], [notify, purge], start: start);
        return new Scenario(host, notify, purge);
    }

    /// <summary>Dutch wall-clock time on a date.</summary>
    public static DateTimeOffset At(string date, int hour = 10, int minute = 0) =>
        DutchTime.AtLocal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(hour, minute));

    /// <summary>Moves business time to <paramref name="instant"/> from timer to timer, each firing in order and settling.</summary>
    public Task AdvanceToAsync(DateTimeOffset instant, params string[] instanceIds) =>
        Host.AdvanceToAsync(instant, _ct);

    public async Task<InstanceStatus> StatusAsync(string id)
    {
        await Host.Driver.SettleAsync(_ct);
        return await Client.GetStatusAsync(id, _ct) ?? throw new InvalidOperationException($"{id} not found");
    }

    /// <summary>Raises an event and waits until the case shows it (and what it set off has settled).</summary>
    public async Task<InstanceStatus?> RaiseAsync(string id, string name, object? payload, string source = "staff-1")
    {
        var eventId = Guid.NewGuid().ToString("N");
        if (await Client.RaiseEventAsync(id, name, payload, source, eventId, _ct) is null)
        {
            return null;
        }

        await Host.WaitForAsync(id, s => s.Applied.Contains(eventId, StringComparer.Ordinal));
        await Host.Driver.SettleAsync(_ct);
        return await Client.GetStatusAsync(id, _ct);
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
