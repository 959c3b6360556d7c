using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;

namespace Workflows.Application.Pages;

/// <summary>
/// The inputs of each action form on the case page (PAGES.md "Case actions"), by event type: exactly the fields
/// the API takes with that type (API.md "Staff"), so the form's body passes the same reader.
/// </summary>
public static class EventForms
{
    private static readonly FormField Note = new("note");
    private static readonly FormField[] Extend = [new("step"), new("date"), new("reason")];

    public static IReadOnlyDictionary<string, FormField[]> Signal { get; } = new Dictionary<string, FormField[]>(StringComparer.Ordinal)
    {
        [SignalEvents.Triaged] = [new("assignee"), Note],
        [SignalEvents.ContactAttempted] = [new("date"), new("channel"), new("reached", FieldKind.Boolean), Note],
        [SignalEvents.HelpOffered] = [Note],
        [SignalEvents.HelpAccepted] = [Note],
        [SignalEvents.HelpDeclined] = [Note],
        [SignalEvents.FirstConversationHeld] = [Note],
        [SignalEvents.DecisionMade] = [Note],
        [SignalEvents.Closed] = [new("outcome"), Note],
        [SignalEvents.StepExtended] = [.. Extend, Note],
        [SignalEvents.Suspended] = [new("reason"), Note],
        [SignalEvents.Resumed] = [Note],
    };

    public static IReadOnlyDictionary<string, FormField[]> Trajectory { get; } = new Dictionary<string, FormField[]>(StringComparer.Ordinal)
    {
        [TrajectoryEvents.IntakeCompleted] = [.. TrajectoryPlan.Conditions.Select(c => new FormField($"consent.{c}", FieldKind.Boolean)), Note],
        [TrajectoryEvents.ConditionUpdated] = [new("condition"), new("status"), Note],
        [TrajectoryEvents.ReleaseDateChanged] = [new("date"), Note],
        [TrajectoryEvents.Released] = [new("date"), Note],
        [TrajectoryEvents.FollowUpDone] = [Note],
        [TrajectoryEvents.Closed] = [new("reason"), Note],
        [TrajectoryEvents.Assigned] = [new("coordinator"), Note],
        [TrajectoryEvents.StepExtended] = [.. Extend, Note],
        [TrajectoryEvents.Suspended] = [new("reason"), Note],
        [TrajectoryEvents.Resumed] = [Note],
    };

    /// <summary>The Dutch name of an action (its button and the notice after it).</summary>
    public static string Title(string type) => type switch
    {
        SignalEvents.Triaged or TrajectoryEvents.Assigned => "Toewijzen",
        SignalEvents.ContactAttempted => "Contactpoging vastleggen",
        SignalEvents.HelpOffered => "Hulp aangeboden",
        SignalEvents.HelpAccepted => "Hulp aanvaard",
        SignalEvents.HelpDeclined => "Hulp afgewezen",
        SignalEvents.FirstConversationHeld => "Eerste gesprek gevoerd",
        SignalEvents.DecisionMade => "Besluit genomen",
        TrajectoryEvents.IntakeCompleted => "Intake afgerond",
        TrajectoryEvents.ConditionUpdated => "Basisvoorwaarde bijwerken",
        TrajectoryEvents.ReleaseDateChanged => "Datum van vrijlating wijzigen",
        TrajectoryEvents.Released => "Vrijgelaten",
        TrajectoryEvents.FollowUpDone => "Vervolgcontact gedaan",
        "closed" => "Zaak afsluiten",
        "step-extended" => "Termijn verlengen",
        "suspended" => "Zaak opschorten",
        "resumed" => "Zaak hervatten",
        _ => type,
    };
}
