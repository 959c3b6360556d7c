using System.Collections.Concurrent;
using Workflows.Domain.Cases;
using Workflows.Domain.Decisions;
using Workflows.Engine.Abstractions;

namespace Workflows.Domain.Tests.Support;

/// <summary>Records the notify activity (reminders, escalations) with the virtual time it ran at.</summary>
public sealed class NotifyRecorder(TimeProvider clock) : IActivityHandler
{
    private readonly ConcurrentDictionary<string, int> _runs = new();

    public ConcurrentQueue<(Notification Notification, DateTimeOffset At)> Sent { get; } = new();

    public string Name => Notification.ActivityName;

    /// <summary>Activities run at least once; like the real mailer, this receiver dedupes on the activity id.</summary>
    public Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        if (_runs.AddOrUpdate(context.ActivityId, 1, (_, n) => n + 1) == 1)
        {
            Sent.Enqueue((context.InputAs<Notification>(), clock.GetUtcNow()));
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
