using Workflows.Domain.Plans;

namespace Workflows.Domain.Signals;

/// <summary>
/// The eviction-prevention plan (RULES §1, "Steps"), one row per step. Statutory terms carry their
/// article; [P]/[D] values can be overridden per municipality.
/// </summary>
public static class SignalPlan
{
    public const string Name = "vroegsignalering";
    public const int Version = 1;

    public const string Triage = "triage";
    public const string FirstContact = "first-contact";
    public const string FirstConversation = "first-conversation";
    public const string HelpOffered = "help-offered";
    public const string ReachOutClosure = "reach-out-closure";
    public const string ConversationAfterAcceptance = "conversation-after-acceptance";
    public const string Decision = "decision";

    public static StepPlan Default { get; } = new(Name, Version,
    [
        new StepDefinition
        {
            Key = Triage,
            Label = "Triage van het signaal",
            Anchor = "received",
            Due = Term.WorkingDays(0), // same working day as receipt
            Responsible = Role.Team,
            EscalateTo = Role.Team,
            CompletedBy = [SignalEvents.Triaged, SignalEvents.ContactAttempted, SignalEvents.FirstConversationHeld],
            Source = Source.Default("één huishouden, één plan: zelfde werkdag als ontvangst, samenvoegen met een open zaak op hetzelfde adres"),
        },
        new StepDefinition
        {
            Key = FirstContact,
            Label = "Eerste contactpoging",
            Anchor = "received",
            Due = Term.WorkingDays(5),
            UrgentDue = Term.WorkingDays(1),
            Responsible = Role.Assignee,
            RemindBefore = Term.WorkingDays(1),
            EscalateTo = Role.TeamLead,
            CompletedBy = [SignalEvents.ContactAttempted, SignalEvents.FirstConversationHeld],
            Source = Source.Default("urgent 1 werkdag, anders 5 werkdagen na ontvangst"),
        },
        new StepDefinition
        {
            Key = FirstConversation,
            Label = "Eerste gesprek (dreigende situatie)",
            Anchor = "urgent-since",
            Due = Term.WorkingDays(3),
            Responsible = Role.Assignee,
            RemindBefore = Term.WorkingDays(0), // on the morning of the due day
            EscalateTo = Role.TeamLead,
            CompletedBy = [SignalEvents.FirstConversationHeld],
            Source = Source.Law("Wgs art. 4 lid 2: bij een dreigende situatie binnen 3 werkdagen een eerste gesprek"),
        },
        new StepDefinition
        {
            Key = HelpOffered,
            Label = "Hulp aangeboden",
            Anchor = "received",
            Due = Term.WorkingDays(10),
            Responsible = Role.Assignee,
            RemindBefore = Term.WorkingDays(2),
            EscalateTo = Role.TeamLead,
            CompletedBy = [SignalEvents.HelpOffered, SignalEvents.HelpAccepted, SignalEvents.HelpDeclined],
            Source = Source.Practice("ieder signaal krijgt een hulpaanbod; geen wettelijke termijn"),
        },
        new StepDefinition
        {
            Key = ReachOutClosure,
            Label = "Afsluiten als niet bereikt",
            Anchor = "received",
            Due = Term.Days(30),
            Responsible = Role.Team,
            Source = Source.Default("niet bereikt na 3 pogingen waarvan één huisbezoek, of 30 dagen na ontvangst"),
        },
        new StepDefinition
        {
            Key = ConversationAfterAcceptance,
            Label = "Eerste gesprek na aanvaarding hulp",
            Anchor = "help-accepted",
            Due = Term.Weeks(4),
            Responsible = Role.Assignee,
            RemindBefore = Term.Weeks(1),
            EscalateTo = Role.TeamLead,
            CompletedBy = [SignalEvents.FirstConversationHeld],
            Source = Source.Law("Wgs art. 4 lid 1: eerste gesprek binnen 4 weken na de hulpvraag"),
        },
        new StepDefinition
        {
            Key = Decision,
            Label = "Beschikking schuldhulpverlening",
            Anchor = "first-conversation",
            Due = Term.Weeks(8),
            Responsible = Role.Assignee,
            RemindBefore = Term.Weeks(1),
            EscalateTo = Role.TeamLead,
            CompletedBy = [SignalEvents.DecisionMade],
            Source = Source.Law("Awb art. 4:13 (art. 4:14 lid 3: melden en nieuwe termijn stellen als de termijn niet haalbaar is)"),
        },
    ]);
}
