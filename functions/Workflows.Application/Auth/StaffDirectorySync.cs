using System.Collections.Concurrent;
using Azure;

namespace Workflows.Application.Auth;

/// <summary>
/// Puts staff who sign in with Entra ID into the <see cref="StaffDirectory"/> (role, municipalities, team, work
/// email), so reminders and escalations reach them; they have no API key that would have written their row.
/// Runs on every validated token but writes only when the row is missing or differs from the token, and what it
/// last saw per staff id is trusted for <see cref="RecheckAfter"/>: a busy user costs no storage request at all.
/// </summary>
internal sealed class StaffDirectorySync(StaffDirectory directory, CredentialStore store, TimeProvider clock, ILogger<StaffDirectorySync> logger)
{
    /// <summary>After this the directory row is read again (and rewritten if someone changed it), one read per user.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(10);

    /// <summary>Bounds memory; staff of a few municipalities stay far below it.</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, Seen> _seen = new(StringComparer.Ordinal);

    /// <param name="caller">The staff member the token maps to (<see cref="EntraClaims.ToCaller"/>).</param>
    /// <param name="email">Their work email from the token (<see cref="EntraClaims.EmailOf"/>); null keeps the directory's.</param>
    public async Task SyncAsync(Caller caller, string? email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        if (_seen.TryGetValue(caller.Id, out var seen) && seen.Until > now && Same(seen.Member, Member(caller, email ?? seen.Member.Email)))
        {
            return;
        }

        try
        {
            var row = await directory.FindAsync(caller.Id, cancellationToken);
            var member = Member(caller, email ?? row?.Email);
            if (row is null || !Same(row, member))
            {
                await store.UpsertStaffAsync(member, cancellationToken);
                logger.StaffDirectoryUpdated();
            }

            if (_seen.Count >= MaxRemembered)
            {
                _seen.Clear();
            }

            _seen[caller.Id] = new Seen(member, now + RecheckAfter);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException { InnerException: RequestFailedException })
        {
            // The sign-in itself is valid; the next request tries again. (The SDK gives up on an unreachable
            // account with an AggregateException of its attempts.)
            logger.StaffDirectoryUpdateFailed(ex);
        }
    }

    private static StaffMember Member(Caller caller, string? email) =>
        new(caller.Id, caller.Role ?? throw new ArgumentException("Staff have a role.", nameof(caller)), caller.Municipalities, caller.Team, email);

    private static bool Same(StaffMember a, StaffMember b) =>
        a.Role == b.Role
        && string.Equals(a.Team, b.Team, StringComparison.Ordinal)
        && string.Equals(a.Email, b.Email, StringComparison.Ordinal)
        && a.Municipalities.SetEquals(b.Municipalities);

    private sealed record Seen(StaffMember Member, DateTimeOffset Until);
}
