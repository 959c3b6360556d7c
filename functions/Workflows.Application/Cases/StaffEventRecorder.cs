using System.Text.Json;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Audit;
using Workflows.Application.Auth;

namespace Workflows.Application.Cases;

/// <summary>
/// Records a staff event on a case the caller may change, from its JSON form: the one road by which the API
/// (<see cref="StaffEventEndpoint"/>) and the case page's forms change a case, so both check the same things in
/// the same order. The answer is a read of personal data, so it is written to the access log (RULES §2).
/// </summary>
internal static class StaffEventRecorder
{
    /// <param name="errors">Errors found before (e.g. a malformed idempotency key); the event is refused when any.</param>
    /// <param name="eventId">The runtime event id (from an idempotency key), or null for a fresh one.</param>
    public static async Task<StaffEventOutcome<TView>> RecordAsync<TState, TPayload, TView>(
        StaffEventRules<TState, TPayload, TView> rules,
        string id,
        TState state,
        Caller caller,
        JsonElement body,
        ValidationErrors errors,
        string? eventId,
        CaseClient client,
        AccessLog accessLog,
        DateOnly today,
        ILogger logger,
        CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(accessLog);
        ArgumentNullException.ThrowIfNull(caller);
        if (rules.Read(body, errors, today) is not { } staffEvent || !errors.IsEmpty)
        {
            return new StaffEventOutcome<TView>.Invalid(errors, "The event is not valid; nothing was recorded.");
        }

        if (eventId is not null && await client.WasAppliedAsync(id, eventId, cancellationToken))
        {
            // A retry of a request that was applied: answer as then (the case as it is now), not with the
            // conflict the first request may have caused (e.g. "closed already").
            await accessLog.RecordAsync(caller, rules.Kind, id, "read", cancellationToken);
            return new StaffEventOutcome<TView>.Recorded(rules.View(id, state, today), Shown: true);
        }

        if (rules.Conflict(staffEvent, state) is { } conflict)
        {
            return new StaffEventOutcome<TView>.Conflict(conflict);
        }

        if (rules.CheckAgainst(staffEvent, state) is var (path, message))
        {
            errors.Add(path, message);
            return new StaffEventOutcome<TView>.Invalid(errors, "The event does not fit this case; nothing was recorded.");
        }

        var after = await client.RaiseEventAsync(id, staffEvent.Type, staffEvent.Payload, caller.Id, eventId, cancellationToken);
        rules.LogRaised(logger, staffEvent.Type, id, caller.Id);
        if (after is not { Status.State: not null })
        {
            return new StaffEventOutcome<TView>.Gone();
        }

        await accessLog.RecordAsync(caller, rules.Kind, id, "read", cancellationToken);
        return new StaffEventOutcome<TView>.Recorded(rules.View(id, after.Status.StateAs<TState>(), today), after.Applied);
    }
}
