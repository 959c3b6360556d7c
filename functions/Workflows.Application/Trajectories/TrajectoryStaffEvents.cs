using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Domain.Cases;
using Workflows.Domain.Trajectories;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Cases;

namespace Workflows.Application.Trajectories;

/// <summary>
/// Staff events on a trajectory (API.md "Staff", RULES §2): read by <see cref="TrajectoryEventValidator"/>;
/// once the person is released, release and release date no longer change.
/// </summary>
internal sealed class TrajectoryStaffEvents : StaffEventRules<TrajectoryState, TrajectoryEventPayload, TrajectoryCaseView>
{
    public static TrajectoryStaffEvents Instance { get; } = new();

    public override CaseKind Kind => CaseKind.Trajectory;

    public override async Task<TrajectoryState?> FindAsync(CaseClient client, string id, CancellationToken cancellationToken) =>
        (await TrajectoryViews.FindAsync(client, id, cancellationToken))?.State;

    public override string MunicipalityOf(TrajectoryState state) => state.Municipality;

    public override ValidEvent<TrajectoryEventPayload>? Read(JsonElement body, ValidationErrors errors, DateOnly today) =>
        TrajectoryEventValidator.Read(body, errors, today);

    public override ProblemHttpResult? Conflict(ValidEvent<TrajectoryEventPayload> staffEvent, TrajectoryState state)
    {
        ArgumentNullException.ThrowIfNull(staffEvent);
        ArgumentNullException.ThrowIfNull(state);
        return CaseConflicts.Check(staffEvent.Type, "The trajectory", state.Phase == TrajectoryPhase.Closed, state.Steps)
            ?? (staffEvent.Type is TrajectoryEvents.Released or TrajectoryEvents.ReleaseDateChanged && state.Phase != TrajectoryPhase.Detained
                ? Problems.Conflict("The person is released already; release and release date no longer change.")
                : null);
    }

    /// <summary>A step to extend must be open; a release cannot predate detention.</summary>
    public override (string Path, string Message)? CheckAgainst(ValidEvent<TrajectoryEventPayload> staffEvent, TrajectoryState state)
    {
        ArgumentNullException.ThrowIfNull(staffEvent);
        ArgumentNullException.ThrowIfNull(state);
        return staffEvent.Type switch
        {
            TrajectoryEvents.StepExtended => CaseEventFields.CheckOpen(staffEvent.Payload.Step, state.Steps),
            TrajectoryEvents.Released or TrajectoryEvents.ReleaseDateChanged when staffEvent.Payload.Date < state.DetentionStart =>
                ("date", "Must not be before detentionStart."),
            _ => null,
        };
    }

    public override void LogRaised(ILogger logger, string eventName, string id, string staffId) =>
        logger.TrajectoryEventRaised(eventName, id, staffId);

    public override TrajectoryCaseView View(string id, TrajectoryState state, DateOnly today) => TrajectoryViews.Full(id, state, today);
}
