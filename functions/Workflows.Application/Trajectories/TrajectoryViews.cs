using Workflows.Domain.Cases;
using Workflows.Domain.Trajectories;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;

namespace Workflows.Application.Trajectories;

/// <summary>The person as staff of the municipality see it (criminal-law data: every read is in the access log).</summary>
public sealed record PersonView(string? Initials, string? Prefix, string Surname, DateOnly DateOfBirth, string? Bsn);

/// <summary>A basic condition and its status (unknown | not-needed | in-progress | arranged | problem).</summary>
public sealed record ConditionView(string Condition, string Status, bool? Consent);

/// <summary>A trajectory as staff of its municipality see it (API.md "Staff": status, anchors, basic conditions, steps).</summary>
public sealed record TrajectoryCaseView(
    string Id,
    string ExternalReference,
    string Municipality,
    string Status,
    string Phase,
    bool Suspended,
    DateOnly NotifiedOn,
    DateOnly DetentionStart,
    DateOnly? ExpectedReleaseDate,
    DateOnly? ActualReleaseDate,
    PersonView Person,
    string Institution,
    string Coordinator,
    string Team,
    bool HighRisk,
    bool ShortStay,
    IReadOnlyList<ConditionView> Conditions,
    string? ClosureReason,
    string? ClosureNote,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<StepView> Steps);

/// <summary>Finds and renders trajectories.</summary>
internal static class TrajectoryViews
{
    /// <summary>The trajectory of <paramref name="id"/> with its state, or null (unknown id, another kind of instance, purged).</summary>
    public static async Task<(InstanceStatus Status, TrajectoryState State)?> FindAsync(CaseClient client, string id, CancellationToken cancellationToken)
    {
        if (!TrajectoryIds.IsWellFormed(id)
            || await client.GetStatusAsync(id, cancellationToken) is not { State: not null } status
            || status.Type != TrajectoryOrchestration.TypeName)
        {
            return null;
        }

        return (status, status.StateAs<TrajectoryState>());
    }

    public static TrajectoryCaseView Full(string id, TrajectoryState state, DateOnly today) => new(
        id,
        state.ExternalReference,
        state.Municipality,
        state.Phase == TrajectoryPhase.Closed ? "closed" : state.Steps.IsSuspended ? "suspended" : "open",
        KebabEnum.Name(state.Phase),
        state.Steps.IsSuspended,
        state.NotifiedOn,
        state.DetentionStart,
        state.ExpectedReleaseDate,
        state.ActualReleaseDate,
        new PersonView(state.Person.Initials, state.Person.Prefix, state.Person.Surname, state.Person.DateOfBirth, state.Person.Bsn),
        state.Institution,
        state.Coordinator,
        state.Team,
        state.HighRisk,
        state.ShortStay,
        [.. TrajectoryPlan.Conditions.Select(c => new ConditionView(
            c,
            KebabEnum.Name(state.Conditions.TryGetValue(c, out var s) ? s : ConditionStatus.Unknown),
            state.Consent.TryGetValue(c, out var consent) ? consent : null))],
        state.ClosureReason is { } reason ? KebabEnum.Name(reason) : null,
        state.ClosureNote,
        state.ClosedAt?.ToUniversalTime(),
        StepView.Of(state.Steps, today));
}
