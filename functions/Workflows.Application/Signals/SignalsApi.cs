using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflows.Domain.Cases;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Audit;
using Workflows.Application.Auth;
using Workflows.Application.Cases;
using Workflows.Application.Hosting;
using Workflows.Application.Policy;

namespace Workflows.Application.Signals;

/// <summary>
/// Signals of payment arrears (API.md "Corporations" and the signal routes of "Staff"): intake one by one
/// or in bulk, the corporation's coarse view and updates, and for staff of the municipality the full case
/// and its events. A corporation sees only its own signals and staff only their municipality's; anything
/// else answers 404 exactly as an unknown id does. A refused request stores nothing. The full case holds
/// personal data, so every staff read of it is written to the access log (RULES §2).
/// </summary>
public static class SignalsApi
{
    public const string IdempotencyKeyHeader = IdempotencyKey.Header;

    public static RouteGroupBuilder MapSignalsApiV1(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var batchLimit = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<SignalsOptions>>().Value;
        var signals = api.MapGroup("/signals")
            .WithTags("Signals")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        signals.MapPost(string.Empty, CreateAsync)
            .RequireAuthorization(AuthPolicies.Corporation)
            .Accepts<SignalRequest>(MediaType.Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("CreateSignal")
            .WithSummary("Sends a signal of payment arrears (corporations).")
            .WithDescription(
                "201 with Location for a new signal; 200 with the same id when this corporation sent this externalReference before. " +
                "All four collectionSteps must be true (Besluit gemeentelijke schuldhulpverlening art. 2). Unknown fields are refused. " +
                "A signal for an address (postal code, house number, addition) with an open case is taken into that case. " +
                "403 when the corporation may not signal to municipalityCode.");

        signals.MapPost("/batch", BatchAsync)
            .RequireAuthorization(AuthPolicies.Corporation)
            .RequireRateLimiting(Hosting.RateLimiting.CorporationLimits.BatchPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(batchLimit.MaxBatchBytes))
            .Accepts<SignalBatchRequest>(MediaType.Json, MediaType.Csv)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("CreateSignalBatch")
            .WithSummary("Sends many signals at once, as JSON or CSV (corporations).")
            .WithDescription(
                $"application/json {{ \"signals\": [ signal, … ] }} or {SignalCsv.Description} " +
                $"At most {batchLimit.MaxBatchSignals} signals and {batchLimit.MaxBatchBytes / (1024 * 1024)} MB per request: more answers 413 " +
                "and nothing is stored; so does a body that is not valid JSON/CSV as a whole (400). Otherwise 200 with one result per " +
                "signal in input order: created, duplicate (sent before, or repeated in this batch) or invalid with errors; valid " +
                "signals are taken even when others are invalid. Resubmitting a batch is harmless.");

        signals.MapGet("/{id}", GetAsync)
            .RequireAuthorization()
            .Produces<SignalStatusView>()
            .Produces<SignalCaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetSignal")
            .WithSummary("A signal: the coarse status for its corporation, the full case for staff of its municipality.")
            .WithDescription(
                "Corporations get { id, externalReference, status (received | in-contact | help-accepted | not-reached | closed), " +
                "receivedAt, closedAt? }; a signal taken into another case shows that case's status. Staff of the municipality get " +
                "the full case (SignalCaseView; every such read is in the access log). Anyone else: 404.");

        signals.MapPost("/{id}/updates", UpdateAsync)
            .RequireAuthorization(AuthPolicies.Corporation)
            .Accepts<SignalUpdateRequest>(MediaType.Json)
            .Produces<SignalStatusView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("UpdateSignal")
            .WithSummary("A corporation's update on its own signal: arrears resolved, payment plan, eviction scheduled, arrears changed, withdrawn.")
            .WithDescription("Applied to the case the signal is in (the household's case when it was taken into one). Optional Idempotency-Key header.");

        signals.MapPost("/{id}/events", EventAsync)
            .RequireAuthorization(AuthPolicies.Staff)
            .Accepts<SignalEventRequest>(MediaType.Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("RecordSignalEvent")
            .WithSummary("Records progress on a signal case (staff of its municipality); answers the updated case.")
            .WithDescription(
                "Types: triaged (assignee?), contact-attempted (channel, reached, date?), help-offered, help-accepted, help-declined, " +
                "first-conversation-held, decision-made, closed (outcome), step-extended (step, date, reason), suspended (reason), resumed; " +
                "note? with any. 409 when the case is closed (or was taken into another case), or suspend/resume changes nothing. " +
                "An Idempotency-Key header makes a retried request harmless.");
        return api;
    }

    internal static async Task<Results<Created<SignalStatusView>, Ok<SignalStatusView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http,
        SignalReceiver receiver,
        CaseClient client,
        CasePolicy policy,
        TimeProvider clock,
        IOptions<ApiOptions> apiOptions,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        using var body = await JsonBody.ReadAsync(http.Request, apiOptions.Value.MaxRequestBodySize, cancellationToken);
        if (body.Refused is { } refused)
        {
            return refused;
        }

        if (body.Invalid is { } invalid)
        {
            return invalid;
        }

        var outcome = await SignalSubmitter.SubmitAsync(caller, body.Document!.RootElement, receiver, client, policy, IsoDate.Today(clock), cancellationToken);
        return outcome switch
        {
            SignalSubmitter.Outcome.Forbidden forbidden => Problems.Forbidden(forbidden.Detail, "municipalityCode"),
            SignalSubmitter.Outcome.Invalid refusedSignal => refusedSignal.Errors.ToProblem("The signal is not valid; nothing was stored."),
            SignalSubmitter.Outcome.Received { Created: true } received => TypedResults.Created(Location(received.Id), received.View),
            SignalSubmitter.Outcome.Received received => TypedResults.Ok(received.View),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }

    internal static async Task<Results<Ok<SignalBatchResponse>, ValidationProblem, ProblemHttpResult>> BatchAsync(
        HttpContext http,
        SignalBatchProcessor processor,
        IOptions<SignalsOptions> options,
        ILogger<SignalBatchProcessor> logger,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (MediaType.Match(http.Request, MediaType.Json, MediaType.Csv) is not { } mediaType)
        {
            return Problems.UnsupportedMediaType(MediaType.Unsupported(MediaType.Json, MediaType.Csv));
        }

        SpooledBody body;
        try
        {
            body = await SpooledBody.SpoolAsync(http.Request.Body, options.Value.MaxBatchBytes, memoryThreshold: 256 * 1024, cancellationToken);
        }
        catch (SpoolException e) when (e.Failure == SpoolFailure.TooLarge)
        {
            logger.BatchRefused(caller.Id, "body too large");
            return Problems.ContentTooLarge($"A batch body is at most {options.Value.MaxBatchBytes} bytes.");
        }
        catch (SpoolException e)
        {
            logger.BatchRefused(caller.Id, "not UTF-8");
            return BodyProblem("$", e.Message);
        }

        await using (body)
        {
            try
            {
                var results = await processor.ProcessAsync(caller, body, mediaType, cancellationToken);
                return TypedResults.Ok(new SignalBatchResponse(results));
            }
            catch (BodyFormatException e)
            {
                logger.BatchRefused(caller.Id, "not readable as a whole");
                return BodyProblem(e.Path, e.Message);
            }
            catch (TooManySignalsException e)
            {
                logger.BatchRefused(caller.Id, "too many signals");
                return Problems.ContentTooLarge(e.Message, mediaType == MediaType.Csv ? "rows" : "signals");
            }
        }
    }

    internal static async Task<Results<Ok<SignalStatusView>, Ok<SignalCaseView>, NotFound>> GetAsync(
        string id, HttpContext http, CaseClient client, AccessLog accessLog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (await SignalViews.FindAsync(client, id, cancellationToken) is not var (_, state))
        {
            return TypedResults.NotFound();
        }

        if (caller.Kind == CallerKind.Corporation && state.CorporationId == caller.Id)
        {
            return TypedResults.Ok(await SignalViews.CoarseAsync(client, id, state, cancellationToken));
        }

        if (caller.IsStaffOf(state.Municipality))
        {
            // The full case holds the household's personal data (RULES §2): every staff read is logged.
            await accessLog.RecordAsync(caller, CaseKind.Signal, id, "read", cancellationToken);
            return TypedResults.Ok(SignalViews.Full(id, state, IsoDate.Today(clock)));
        }

        return TypedResults.NotFound();
    }

    internal static async Task<Results<Accepted<SignalStatusView>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id,
        HttpContext http,
        CaseClient client,
        TimeProvider clock,
        IOptions<ApiOptions> apiOptions,
        ILogger<SignalReceiver> logger,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (await SignalViews.FindAsync(client, id, cancellationToken) is not var (_, state) || state.CorporationId != caller.Id)
        {
            return TypedResults.NotFound();
        }

        using var body = await JsonBody.ReadAsync(http.Request, apiOptions.Value.MaxRequestBodySize, cancellationToken);
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
        if (SignalEventValidator.Update(body.Document!.RootElement, errors, IsoDate.Today(clock)) is not { } update || !errors.IsEmpty)
        {
            return errors.ToProblem("The update is not valid; nothing was recorded.");
        }

        // A signal taken into the household's case is followed up there.
        var target = state.MergedInto ?? id;
        var after = await client.RaiseEventAsync(target, update.Type, update.Payload, caller.Id, eventId, cancellationToken);
        logger.EventRaised(update.Type, target, caller.Id);
        var current = target == id && after is { Status.State: not null } ? after.Status.StateAs<SignalState>() : state;
        return TypedResults.Accepted(Location(id), await SignalViews.CoarseAsync(client, id, current, cancellationToken));
    }

    internal static Task<Results<Ok<SignalCaseView>, Accepted<SignalCaseView>, NotFound, ValidationProblem, ProblemHttpResult>> EventAsync(
        string id, HttpContext http, CaseClient client, AccessLog accessLog, TimeProvider clock,
        IOptions<ApiOptions> apiOptions, ILogger<SignalReceiver> logger, CancellationToken cancellationToken) =>
        StaffEventEndpoint.RecordAsync(SignalStaffEvents.Instance, id, http, client, accessLog, clock, apiOptions.Value, logger, cancellationToken);

    private static Uri Location(string id) => new($"{ApplicationEndpointsExtensions.ApiV1Prefix}/signals/{id}", UriKind.Relative);

    private static ValidationProblem BodyProblem(string path, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return errors.ToProblem("The body cannot be read as a whole; nothing was stored.");
    }
}
