using System.Text.Json;
using Workflows.Domain.Cases;
using Workflows.Domain.Trajectories;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Audit;
using Workflows.Application.Auth;
using Workflows.Application.Policy;

namespace Workflows.Application.Trajectories;

/// <summary>
/// Starts a trajectory from its JSON form (API.md "A trajectory"): the one road by which the API and the page
/// <c>/trajectories/new</c> start one. Only staff of the municipality may; a refused request stores nothing; a
/// repeated <c>externalReference</c> finds the trajectory started before.
/// </summary>
internal static class TrajectoryStarter
{
    public abstract record Outcome
    {
        public sealed record Forbidden(string Detail) : Outcome;

        public sealed record Invalid(ValidationErrors Errors) : Outcome;

        /// <summary>The id belongs to another kind of instance.</summary>
        public sealed record Taken : Outcome;

        public sealed record Started(string Id, bool Created, TrajectoryCaseView View) : Outcome;
    }

    public static async Task<Outcome> StartAsync(
        Caller caller, JsonElement root, CaseClient client, CasePolicy policy, AccessLog accessLog, DateOnly today, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(accessLog);
        if (TrajectoryValidator.MunicipalityOf(root) is { } municipality && MunicipalityCode.IsValid(municipality) && !caller.IsStaffOf(municipality))
        {
            return new Outcome.Forbidden($"Only staff of municipality {municipality} may start its trajectories.");
        }

        var errors = new ValidationErrors();
        if (TrajectoryValidator.Validate(root, errors, today, policy) is not { } trajectory)
        {
            return new Outcome.Invalid(errors);
        }

        var id = TrajectoryIds.For(trajectory.Municipality, trajectory.ExternalReference);
        var intake = new TrajectoryIntake(
            trajectory.ExternalReference,
            trajectory.Municipality,
            policy.For(trajectory.Municipality).DefaultTeam,
            trajectory.Person,
            trajectory.Institution,
            trajectory.DetentionStart,
            trajectory.NotifiedOn,
            trajectory.ExpectedReleaseDate,
            trajectory.Coordinator,
            trajectory.HighRisk,
            policy.TrajectoryPlanFor(trajectory.Municipality));
        var started = await client.StartAsync(TrajectoryOrchestration.TypeName, id, intake, caller.Id, cancellationToken);
        if (started.Status.Type != TrajectoryOrchestration.TypeName || started.Status.State is null)
        {
            return new Outcome.Taken();
        }

        if (started.Created)
        {
            logger.TrajectoryStarted(id, trajectory.Municipality, caller.Id);
        }
        else
        {
            logger.TrajectoryRepeated(id);
        }

        var view = TrajectoryViews.Full(id, started.Status.StateAs<TrajectoryState>(), today);
        await accessLog.RecordAsync(caller, CaseKind.Trajectory, id, started.Created ? "create" : "read", cancellationToken);
        return new Outcome.Started(id, started.Created, view);
    }
}
