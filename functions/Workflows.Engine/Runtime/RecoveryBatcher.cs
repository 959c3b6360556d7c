using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Workflows.Engine.Abstractions;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Puts the recovery message of inline calls on the work queue (invisible while the caller applies the
/// work itself; it reappears only if the process dies midway). Calls that arrive while one send is in
/// flight share the next message (group commit), so a burst of concurrent starts, such as a batch intake,
/// costs one send and one delete per group instead of per call. A lone call sends its own message as before.
/// </summary>
internal sealed class RecoveryBatcher(QueueClient work, EngineOptions options)
{
    /// <summary>Members per message; with the byte cap below this keeps a message well under Azure's 64 KiB.</summary>
    internal const int MaxMembers = 32;

    private const int MaxBytes = 48 * 1024;

    private readonly Lock _lock = new();
    private readonly Queue<Member> _waiting = new();
    private bool _sending;

    /// <summary>Resolves once a message holding <paramref name="message"/> is on the queue.</summary>
    public Task<RecoveryGroup> JoinAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(message, EngineJson.Options);
        var member = new Member(message, body, Encoding.UTF8.GetByteCount(body), cancellationToken);
        bool lead;
        lock (_lock)
        {
            _waiting.Enqueue(member);
            lead = !_sending;
            _sending = true;
        }

        if (lead)
        {
            _ = Task.Run(SendAllAsync, CancellationToken.None);
        }

        return member.Sent.Task.WaitAsync(cancellationToken);
    }

    private async Task SendAllAsync()
    {
        while (Take() is { Count: > 0 } members)
        {
            try
            {
                var body = members.Count == 1
                    ? members[0].Body
                    : JsonSerializer.Serialize(WorkMessage.Group(members.Select(m => m.Message).ToList()), EngineJson.Options);
                var receipt = (await work.SendMessageAsync(body, options.MessageVisibility, TimeSpan.FromSeconds(-1), CancellationToken.None)).Value;
                var group = new RecoveryGroup(work, receipt.MessageId, receipt.PopReceipt, members.Count);
                members.ForEach(m => m.Sent.TrySetResult(group));
            }
            catch (Exception ex)
            {
                members.ForEach(m => m.Sent.TrySetException(ex));
            }
        }
    }

    /// <summary>The next group: waiting members, oldest first, up to the caps; callers that gave up are left out.</summary>
    private List<Member> Take()
    {
        lock (_lock)
        {
            var members = new List<Member>();
            var bytes = 0;
            while (members.Count < MaxMembers && _waiting.TryPeek(out var next) && (members.Count == 0 || bytes + next.Bytes <= MaxBytes))
            {
                _waiting.Dequeue();
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Sent.TrySetCanceled(next.CancellationToken);
                    continue;
                }

                members.Add(next);
                bytes += next.Bytes;
            }

            _sending = members.Count > 0;
            return members;
        }
    }

    private sealed record Member(WorkMessage Message, string Body, int Bytes, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<RecoveryGroup> Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// One recovery message shared by <paramref name="members"/> inline calls: deleted when the last of them
/// finished and all succeeded; otherwise left to reappear, and a worker applies every member again
/// (an applied one is a duplicate that only re-sends its outbox).
/// </summary>
internal sealed class RecoveryGroup(QueueClient work, string messageId, string popReceipt, int members)
{
    private int _remaining = members;
    private int _failed;

    public async Task LeaveAsync(bool succeeded, CancellationToken cancellationToken)
    {
        if (!succeeded)
        {
            Interlocked.Exchange(ref _failed, 1);
        }

        if (Interlocked.Decrement(ref _remaining) == 0 && Volatile.Read(ref _failed) == 0)
        {
            await QueueTimerScheduler.DeleteQuietlyAsync(work, messageId, popReceipt, cancellationToken);
        }
    }
}
