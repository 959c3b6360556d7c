using Workflows.Domain.Cases;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;

namespace Workflows.Application.Signals;

/// <summary>Renders a signal case for the corporation (coarse) and for staff (full).</summary>
internal static class SignalViews
{
    /// <summary>
    /// The signal of <paramref name="id"/> with its state, or null when there is no such signal (unknown id,
    /// another kind of instance, or purged).
    /// </summary>
    public static async Task<(InstanceStatus Status, SignalState State)?> FindAsync(CaseClient client, string id, CancellationToken cancellationToken)
    {
        if (!SignalIds.IsWellFormed(id)
            || await client.GetStatusAsync(id, cancellationToken) is not { State: not null } status
            || status.Type != SignalOrchestration.TypeName)
        {
            return null;
        }

        return (status, status.StateAs<SignalState>());
    }

    /// <summary>
    /// The coarse view; a signal absorbed into an open case of the same household shows that case's status
    /// (and closure), since that is where the household is helped.
    /// </summary>
    public static async Task<SignalStatusView> CoarseAsync(CaseClient client, string id, SignalState state, CancellationToken cancellationToken)
    {
        var shown = state;
        if (state.MergedInto is { } target && await FindAsync(client, target, cancellationToken) is { } merged)
        {
            shown = merged.State;
        }

        return new SignalStatusView(id, state.ExternalReference, KebabEnum.Name(shown.Coarse), state.ReceivedAt.ToUniversalTime(), shown.ClosedAt?.ToUniversalTime());
    }

    public static SignalCaseView Full(string id, SignalState state, DateOnly today) => new(
        id,
        state.ExternalReference,
        state.CorporationId,
        state.Municipality,
        KebabEnum.Name(state.Coarse),
        KebabEnum.Name(state.Phase),
        state.Urgent,
        state.UrgentSince,
        state.Steps.IsSuspended,
        state.ReceivedAt.ToUniversalTime(),
        state.ClosedAt?.ToUniversalTime(),
        state.Outcome is { } outcome ? KebabEnum.Name(outcome) : null,
        state.Assignee,
        state.Team,
        state.Tenants,
        state.Address,
        state.Arrears,
        KebabEnum.Name(state.Stage),
        state.EvictionDate,
        state.HelpOffered,
        state.HelpAcceptedOn,
        state.FirstConversationOn,
        state.DecisionOn,
        [.. state.Attempts.Select(a => new ContactAttemptView(a.On, KebabEnum.Name(a.Channel), a.Reached))],
        state.Updates,
        [.. state.Absorbed.Select(a => new AbsorbedSignalView(a.SignalId, a.CorporationId, a.ExternalReference, a.ReceivedOn, a.Arrears, KebabEnum.Name(a.Stage), a.EvictionDate))],
        state.MergedInto,
        StepView.Of(state.Steps, today));
}
