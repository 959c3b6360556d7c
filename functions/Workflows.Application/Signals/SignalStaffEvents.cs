using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Domain.Cases;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Cases;

namespace Workflows.Application.Signals;

/// <summary>
/// Staff events on a signal case (API.md "Staff"): read by <see cref="SignalEventValidator"/>; a signal taken
/// into another case takes no events, it is followed up there.
/// </summary>
internal sealed class SignalStaffEvents : StaffEventRules<SignalState, SignalEventPayload, SignalCaseView>
{
    public static SignalStaffEvents Instance { get; } = new();

    public override CaseKind Kind => CaseKind.Signal;

    public override async Task<SignalState?> FindAsync(CaseClient client, string id, CancellationToken cancellationToken) =>
        (await SignalViews.FindAsync(client, id, cancellationToken))?.State;

    public override string MunicipalityOf(SignalState state) => state.Municipality;

    public override ValidEvent<SignalEventPayload>? Read(JsonElement body, ValidationErrors errors, DateOnly today) =>
        SignalEventValidator.StaffEvent(body, errors, today);

    public override ProblemHttpResult? Conflict(ValidEvent<SignalEventPayload> staffEvent, SignalState state)
    {
        ArgumentNullException.ThrowIfNull(staffEvent);
        ArgumentNullException.ThrowIfNull(state);
        return state.Phase == SignalPhase.Merged
            ? Problems.Conflict($"This signal was taken into case {state.MergedInto}; record events there.")
            : CaseConflicts.Check(staffEvent.Type, "The case", state.Phase == SignalPhase.Closed, state.Steps);
    }

    /// <summary>A step to extend must be open; a contact attempt cannot predate the signal.</summary>
    public override (string Path, string Message)? CheckAgainst(ValidEvent<SignalEventPayload> staffEvent, SignalState state)
    {
        ArgumentNullException.ThrowIfNull(staffEvent);
        ArgumentNullException.ThrowIfNull(state);
        return staffEvent.Type switch
        {
            SignalEvents.StepExtended => CaseEventFields.CheckOpen(staffEvent.Payload.Step, state.Steps),
            SignalEvents.ContactAttempted when staffEvent.Payload.Date < state.ReceivedOn => ("date", "Must not be before the signal was received."),
            _ => null,
        };
    }

    public override void LogRaised(ILogger logger, string eventName, string id, string staffId) =>
        logger.EventRaised(eventName, id, staffId);

    public override SignalCaseView View(string id, SignalState state, DateOnly today) => SignalViews.Full(id, state, today);
}
