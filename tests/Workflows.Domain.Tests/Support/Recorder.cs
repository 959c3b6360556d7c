using System.Collections.Concurrent;
using Workflows.Domain.Cases;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;

namespace Workflows.Domain.Tests.Support;

/// <summary>Records the notify activity (reminders, escalations) with the business time its case decided it.</summary>
public sealed class NotifyRecorder : IActivityHandler
{
    private readonly ConcurrentDictionary<string, int> _runs = new();

    public ConcurrentQueue<(Notification Notification, DateTimeOffset At)> Sent { get; } = new();

    public string Name => Notification.ActivityName;

    /// <summary>Activities run at least once; like the real mailer, this receiver dedupes on the activity id.</summary>
    public Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        if (_runs.AddOrUpdate(context.ActivityId, 1, (_, n) => n + 1) == 1)
        {
            // To the minute: business time runs on with real time here, so a timer's transition happens a few
            // milliseconds to seconds after its due instant; every due instant of the plans is on a whole minute.
            var at = context.DecidedAt;
            Sent.Enqueue((context.InputAs<Notification>(), at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMinute))));
        }

        return Task.FromResult<object?>(null);
    }

    /// <summary>"kind step due" lines, in order sent, for readable assertions.</summary>
    public IReadOnlyList<string> Lines => [.. Sent.Select(s => $"{s.Notification.Kind} {s.Notification.StepKey} {s.Notification.Due:yyyy-MM-dd} -> {string.Join("+", s.Notification.To)}")];
}

/// <summary>Records purge requests (the real purge lives in the host).</summary>
public sealed class PurgeRecorder : IActivityHandler
{
    private readonly ConcurrentDictionary<string, int> _runs = new();

    public ConcurrentQueue<PurgeRequest> Requests { get; } = new();

    public string Name => PurgeRequest.ActivityName;

    public Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        if (_runs.AddOrUpdate(context.ActivityId, 1, (_, n) => n + 1) == 1)
        {
            Requests.Enqueue(context.InputAs<PurgeRequest>());
        }

        return Task.FromResult<object?>(null);
    }
}
