using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Notifications;

/// <summary>What the ledger knows about one message to one recipient.</summary>
public sealed record LedgerEntry(string Recipient, string? MessageId, DateTimeOffset At, int? RefusedWith)
{
    public bool Sent => MessageId is not null;
}

/// <summary>
/// Who may send one message: this run (<see cref="ClaimOutcome.Mine"/>), nobody (already <see cref="ClaimOutcome.Done"/>),
/// another run right now (<see cref="ClaimOutcome.Busy"/>), or nobody before the provider's Retry-After has passed
/// (<see cref="ClaimOutcome.Waiting"/>).
/// </summary>
public enum ClaimOutcome
{
    Mine,
    Done,
    Busy,
    Waiting,
}

/// <summary>The outcome of <see cref="MailLedger.ClaimAsync"/>: what was done before, or how long another run (or the provider's Retry-After) still holds it.</summary>
public sealed record Claim(ClaimOutcome Outcome, LedgerEntry? Done, TimeSpan? HeldFor);

/// <summary>A calendar sequence number handed to one notification, and the recipients it took over (cancellations).</summary>
public sealed record CalendarReservation(int Sequence, IReadOnlyList<string> Recipients);

/// <summary>
/// The table <c>{prefix}mail</c>: what went out, so activities that run more than once (at least once) never
/// send a message twice once the provider accepted it. Holds ids only (activity ids, staff ids, role names,
/// provider message ids), no addresses and no case data.
/// <list type="bullet">
/// <item>partition <c>sent|{activity id}</c> (or <c>digest|{date}</c>), row key the recipient: MessageId and At once sent, or RefusedWith (a permanent refusal, not tried again); while a run sends, its claim (ClaimedBy, ClaimedUntil).</item>
/// <item>partition <c>ics|{case id}</c>, row key the step: the calendar item's current Sequence, the Recipients who hold it, and which notification got which sequence (Issued).</item>
/// </list>
/// </summary>
public sealed class MailLedger
{
    private const int IssuedKept = 16;
    private const int MaxConflictRetries = 20;
    private const string NotBeforeColumn = "NotBefore";

    private int _created;

    public MailLedger(CaseTables storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Table = storage.Service.GetTableClient(TableName(storage.Prefix));
    }

    internal TableClient Table { get; }

    public static string TableName(string prefix) => $"{prefix}mail";

    public static string SentPartition(string activityId) => $"sent|{activityId}";

    public static string DigestPartition(DateOnly date) => $"digest|{date:yyyy-MM-dd}";

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }

    /// <summary>
    /// Claims the right to send one message to one recipient, so that two runs of the same activity at the same
    /// time (a duplicated activity message) never both send. The claim is a lease in real time (it is about
    /// process liveness, not domain time): a run that died while holding it is taken over after <paramref name="lease"/>.
    /// </summary>
    public async Task<Claim> ClaimAsync(string partition, string recipient, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var now = TimeProvider.System.GetUtcNow();
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, recipient, cancellationToken: cancellationToken);
            var row = found.HasValue ? found.Value! : new TableEntity(partition, recipient);
            if (found.HasValue)
            {
                var entry = ToEntry(row);
                if (entry.Sent || entry.RefusedWith is not null)
                {
                    return new Claim(ClaimOutcome.Done, entry, null);
                }

                if (row.GetString("ClaimedBy") is { } holder && holder != owner && row.GetDateTimeOffset("ClaimedUntil") is { } until && until > now)
                {
                    return new Claim(ClaimOutcome.Busy, null, until - now);
                }

                if (row.GetDateTimeOffset(NotBeforeColumn) is { } notBefore && notBefore > now)
                {
                    return new Claim(ClaimOutcome.Waiting, null, notBefore - now);
                }
            }

            row["ClaimedBy"] = owner;
            row["ClaimedUntil"] = now + lease;
            if (await TryWriteAsync(row, found.HasValue, attempt, cancellationToken))
            {
                return new Claim(ClaimOutcome.Mine, null, null);
            }
        }
    }

    /// <summary>
    /// Gives a claim back after a failed send: the next run may try at once, or, when the provider asked to wait
    /// (429 with Retry-After), no run, not even a duplicate activity message delivered meanwhile, sends before
    /// <paramref name="notBefore"/> (real time, as the provider's).
    /// </summary>
    public async Task ReleaseAsync(string partition, string recipient, string owner, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, recipient, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetString("ClaimedBy") != owner || found.Value.GetString("MessageId") is not null)
        {
            return;
        }

        var row = found.Value;
        try
        {
            if (notBefore is { } instant)
            {
                row.Remove("ClaimedBy");
                row.Remove("ClaimedUntil");
                row[NotBeforeColumn] = instant;
                await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await Table.DeleteEntityAsync(partition, recipient, row.ETag, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over or gone: nothing of ours to give back.
        }
    }

    public async Task RecordSentAsync(string partition, string recipient, string messageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await Table.UpsertEntityAsync(
            new TableEntity(partition, recipient) { ["MessageId"] = messageId, ["At"] = at },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task RecordRefusedAsync(string partition, string recipient, int status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await Table.UpsertEntityAsync(
            new TableEntity(partition, recipient) { ["RefusedWith"] = status, ["At"] = at },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>
    /// Hands <paramref name="activityId"/> the calendar sequence of the step's item: the same one on every run of
    /// that activity, and otherwise higher than any before (at least <paramref name="candidate"/>). A
    /// cancellation (<paramref name="takeRecipients"/>) takes over the recipients who hold the item.
    /// </summary>
    public async Task<CalendarReservation> ReserveAsync(
        string caseId, string stepKey, string activityId, int candidate, bool takeRecipients, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (row, exists) = await CalendarRowAsync(caseId, stepKey, cancellationToken);
            var issued = Issued(row);
            if (issued.TryGetValue(activityId, out var mine))
            {
                return new CalendarReservation(mine.Sequence, mine.Recipients);
            }

            var sequence = Math.Max(candidate, (row.GetInt32("Sequence") ?? 0) + 1);
            var taken = takeRecipients ? Split(row.GetString("Recipients")) : [];
            issued[activityId] = new Issue(sequence, taken, issued.Count == 0 ? 0 : issued.Values.Max(i => i.Order) + 1);
            row["Sequence"] = sequence;
            row["Issued"] = JsonSerializer.Serialize(issued.OrderByDescending(i => i.Value.Order).Take(IssuedKept).ToDictionary());
            if (takeRecipients)
            {
                row["Recipients"] = string.Empty;
            }

            if (await TryWriteAsync(row, exists, attempt, cancellationToken))
            {
                return new CalendarReservation(sequence, taken);
            }
        }
    }

    /// <summary>
    /// Notes that <paramref name="recipient"/> is about to get the item at <paramref name="sequence"/>, so a later
    /// cancellation reaches them too. False when a later notification of the step has taken over (superseded):
    /// then this one must not be sent.
    /// </summary>
    public async Task<bool> HoldAsync(string caseId, string stepKey, int sequence, string recipient, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (row, exists) = await CalendarRowAsync(caseId, stepKey, cancellationToken);
            if ((row.GetInt32("Sequence") ?? 0) != sequence)
            {
                return false;
            }

            var holders = Split(row.GetString("Recipients"));
            if (holders.Contains(recipient, StringComparer.Ordinal))
            {
                return true;
            }

            row["Recipients"] = string.Join(',', holders.Append(recipient));
            if (await TryWriteAsync(row, exists, attempt, cancellationToken))
            {
                return true;
            }
        }
    }

    /// <summary>True while no later notification of the step has taken a higher sequence.</summary>
    public async Task<bool> IsCurrentAsync(string caseId, string stepKey, int sequence, CancellationToken cancellationToken)
    {
        var (row, _) = await CalendarRowAsync(caseId, stepKey, cancellationToken);
        return (row.GetInt32("Sequence") ?? 0) == sequence;
    }

    private async Task<(TableEntity Row, bool Exists)> CalendarRowAsync(string caseId, string stepKey, CancellationToken cancellationToken)
    {
        var partition = $"ics|{caseId}";
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, stepKey, cancellationToken: cancellationToken);
        return found.HasValue ? (found.Value!, true) : (new TableEntity(partition, stepKey), false);
    }

    /// <summary>Insert or ETag-guarded replace; false on a lost race (read again and retry).</summary>
    private async Task<bool> TryWriteAsync(TableEntity row, bool exists, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            if (exists)
            {
                await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await Table.AddEntityAsync(row, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
        {
            return false;
        }
    }

    private static Dictionary<string, Issue> Issued(TableEntity row) =>
        row.GetString("Issued") is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, Issue>>(json) ?? new(StringComparer.Ordinal)
            : new(StringComparer.Ordinal);

    private static string[] Split(string? value) => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static LedgerEntry ToEntry(TableEntity row) =>
        new(row.RowKey, row.GetString("MessageId"), row.GetDateTimeOffset("At") ?? default, row.GetInt32("RefusedWith"));

    private sealed record Issue(int Sequence, IReadOnlyList<string> Recipients, int Order);
}
