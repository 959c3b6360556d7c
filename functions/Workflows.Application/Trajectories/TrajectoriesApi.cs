using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Workflows.Domain.Cases;
using Workflows.Domain.Trajectories;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Audit;
using Workflows.Application.Auth;
using Workflows.Application.Cases;
using Workflows.Application.Hosting;
using Workflows.Application.Policy;

namespace Workflows.Application.Trajectories;

/// <summary>
/// Aftercare trajectories (API.md "Staff", RULES §2): staff of a municipality start one from a notification
/// of detention, read it and record its progress. Criminal-law data (AVG art. 10): only staff of its
/// municipality see a trajectory, anyone else gets 404 exactly as for an unknown id, and every read is
/// written to the access log. A refused request stores nothing.
/// </summary>
public static class TrajectoriesApi
{
    public static RouteGroupBuilder MapTrajectoriesApiV1(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var trajectories = api.MapGroup("/trajectories")
            .WithTags("Trajectories")
            .RequireAuthorization(AuthPolicies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        trajectories.MapPost(string.Empty, CreateAsync)
            .Accepts<TrajectoryRequest>(MediaType.Json)
            .Produces<TrajectoryCaseView>(StatusCodes.Status201Created)
            .Produces<TrajectoryCaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("CreateTrajectory")
            .WithSummary("Starts an aftercare trajectory from a notification of detention (staff of the municipality).")
            .WithDescription(
                "201 with Location for a new trajectory; 200 with the same id when this municipality sent this externalReference before. " +
                "Unknown fields are refused. 403 when the caller is not staff of municipalityCode; 409 when its id is taken by another instance.");

        trajectories.MapGet("/{id}", GetAsync)
            .Produces<TrajectoryCaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetTrajectory")
            .WithSummary("A trajectory: status, anchors, person, basic conditions and steps (staff of its municipality; every read is logged).");

        trajectories.MapPost("/{id}/events", EventAsync)
            .Accepts<TrajectoryEventRequest>(MediaType.Json)
            .Produces<TrajectoryCaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("RecordTrajectoryEvent")
            .WithSummary("Records progress on a trajectory (staff of its municipality); answers the updated case.")
            .WithDescription(
                "Types: intake-completed (consent? { condition: true|false }), condition-updated (condition, status), release-date-changed (date?; absent or null = unknown), " +
                "released (date?, not in the future; default today), follow-up-done, closed (reason: completed | redetained | transferred | " +
                "deceased | other), assigned (coordinator: the staff id who takes over), step-extended (step, date, reason), suspended (reason), resumed; note? with any. 409 when the case is " +
                "closed, suspend/resume changes nothing, or release (date) after the release. " +
                "An Idempotency-Key header makes a retried request harmless.");
        return api;
    }

    internal static async Task<Results<Created<TrajectoryCaseView>, Ok<TrajectoryCaseView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http,
        CaseClient client,
        CasePolicy policy,
        AccessLog accessLog,
        TimeProvider clock,
        IOptions<ApiOptions> apiOptions,
        ILogger<TrajectoryState> logger,
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

        var outcome = await TrajectoryStarter.StartAsync(caller, body.Document!.RootElement, client, policy, accessLog, IsoDate.Today(clock), logger, cancellationToken);
        return outcome switch
        {
            TrajectoryStarter.Outcome.Forbidden forbidden => Problems.Forbidden(forbidden.Detail, "municipalityCode"),
            TrajectoryStarter.Outcome.Invalid refusedTrajectory => refusedTrajectory.Errors.ToProblem("The trajectory is not valid; nothing was stored."),
            TrajectoryStarter.Outcome.Started { Created: true } started => TypedResults.Created(Location(started.Id), started.View),
            TrajectoryStarter.Outcome.Started started => TypedResults.Ok(started.View),
            _ => Problems.Conflict("This id is taken by another instance."),
        };
    }

    internal static async Task<Results<Ok<TrajectoryCaseView>, NotFound>> GetAsync(
        string id, HttpContext http, CaseClient client, AccessLog accessLog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (await TrajectoryViews.FindAsync(client, id, cancellationToken) is not var (_, state) || !caller.IsStaffOf(state.Municipality))
        {
            return TypedResults.NotFound();
        }

        await accessLog.RecordAsync(caller, CaseKind.Trajectory, id, "read", cancellationToken);
        return TypedResults.Ok(TrajectoryViews.Full(id, state, IsoDate.Today(clock)));
    }

    internal static Task<Results<Ok<TrajectoryCaseView>, Accepted<TrajectoryCaseView>, NotFound, ValidationProblem, ProblemHttpResult>> EventAsync(
        string id, HttpContext http, CaseClient client, AccessLog accessLog, TimeProvider clock,
        IOptions<ApiOptions> apiOptions, ILogger<TrajectoryState> logger, CancellationToken cancellationToken) =>
        StaffEventEndpoint.RecordAsync(TrajectoryStaffEvents.Instance, id, http, client, accessLog, clock, apiOptions.Value, logger, cancellationToken);

    private static Uri Location(string id) => new($"{ApplicationEndpointsExtensions.ApiV1Prefix}/trajectories/{id}", UriKind.Relative);
}
