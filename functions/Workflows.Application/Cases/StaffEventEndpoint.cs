using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Audit;
using Workflows.Application.Auth;
using Workflows.Application.Hosting;

namespace Workflows.Application.Cases;

/// <summary>
/// <c>POST …/{id}/events</c> for every kind of case (API.md "Staff"): staff of the case's municipality record
/// progress and get the updated case back; anyone else gets 404 as for an unknown id. A refused event records
/// nothing; an <c>Idempotency-Key</c> makes a retry harmless (a replay of an applied request answers 200 again); the answer is a read of personal data, so it is
/// written to the access log (RULES §2).
/// </summary>
internal static class StaffEventEndpoint
{
    public static async Task<Results<Ok<TView>, Accepted<TView>, NotFound, ValidationProblem, ProblemHttpResult>> RecordAsync<TState, TPayload, TView>(
        StaffEventRules<TState, TPayload, TView> rules,
        string id,
        HttpContext http,
        CaseClient client,
        AccessLog accessLog,
        TimeProvider clock,
        ApiOptions apiOptions,
        ILogger logger,
        CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(accessLog);
        ArgumentNullException.ThrowIfNull(apiOptions);
        var caller = http.Caller();
        if (await rules.FindAsync(client, id, cancellationToken) is not { } state || !caller.IsStaffOf(rules.MunicipalityOf(state)))
        {
            return TypedResults.NotFound();
        }

        using var body = await JsonBody.ReadAsync(http.Request, apiOptions.MaxRequestBodySize, cancellationToken);
        if (body.Refused is { } refused)
        {
            return refused;
        }

        if (body.Invalid is { } invalid)
        {
            return invalid;
        }

        var today = IsoDate.Today(clock);
        var errors = new ValidationErrors();
        var eventId = IdempotencyKey.EventId(http, caller, errors);
        if (rules.Read(body.Document!.RootElement, errors, today) is not { } staffEvent || !errors.IsEmpty)
        {
            return errors.ToProblem("The event is not valid; nothing was recorded.");
        }

        if (eventId is not null && await client.WasAppliedAsync(id, eventId, cancellationToken))
        {
            // A retry of a request that was applied: answer as then (the case as it is now), not with the
            // conflict the first request may have caused (e.g. "closed already").
            await accessLog.RecordAsync(caller, rules.Kind, id, "read", cancellationToken);
            return TypedResults.Ok(rules.View(id, state, today));
        }

        if (rules.Conflict(staffEvent, state) is { } conflict)
        {
            return conflict;
        }

        if (rules.CheckAgainst(staffEvent, state) is var (path, message))
        {
            errors.Add(path, message);
            return errors.ToProblem("The event does not fit this case; nothing was recorded.");
        }

        var after = await client.RaiseEventAsync(id, staffEvent.Type, staffEvent.Payload, caller.Id, eventId, cancellationToken);
        rules.LogRaised(logger, staffEvent.Type, id, caller.Id);
        if (after is not { Status.State: not null })
        {
            return TypedResults.NotFound();
        }

        await accessLog.RecordAsync(caller, rules.Kind, id, "read", cancellationToken);
        var view = rules.View(id, after.Status.StateAs<TState>(), today);
        // API.md "When a change shows": 200 once the case shows it, else 202 and the change still happens.
        return after.Applied
            ? TypedResults.Ok(view)
            : TypedResults.Accepted($"/api/v1/{(rules.Kind == Workflows.Domain.Cases.CaseKind.Signal ? "signals" : "trajectories")}/{id}", view);
    }
}
