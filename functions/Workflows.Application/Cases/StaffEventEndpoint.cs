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

        var errors = new ValidationErrors();
        var eventId = IdempotencyKey.EventId(http, caller, errors);
        var outcome = await StaffEventRecorder.RecordAsync(
            rules, id, state, caller, body.Document!.RootElement, errors, eventId, client, accessLog, IsoDate.Today(clock), logger, cancellationToken);
        return outcome switch
        {
            StaffEventOutcome<TView>.Invalid invalidEvent => invalidEvent.Errors.ToProblem(invalidEvent.Detail),
            StaffEventOutcome<TView>.Conflict c => c.Problem,
            // API.md "When a change shows": 200 once the case shows it, else 202 and the change still happens.
            StaffEventOutcome<TView>.Recorded { Shown: true } r => TypedResults.Ok(r.View),
            StaffEventOutcome<TView>.Recorded r => TypedResults.Accepted(
                $"/api/v1/{(rules.Kind == Workflows.Domain.Cases.CaseKind.Signal ? "signals" : "trajectories")}/{id}", r.View),
            _ => TypedResults.NotFound(),
        };
    }
}
