using Workflows.Domain.Plans;

namespace Workflows.Domain.Trajectories;

/// <summary>
/// The aftercare plan (RULES §2, "Steps"): intake, the five basic conditions (bestuurlijk akkoord
/// 'Kansen bieden voor re-integratie', 2019) relative to the release date, release-day contact, follow-ups.
/// </summary>
public static class TrajectoryPlan
{
    public const string Name = "nazorg";
    public const int Version = 1;

    public const string Intake = "intake";
    public const string Consent = "consent";
    public const string IdentityDocument = "identity-document";
    public const string Housing = "housing";
    public const string Income = "income";
    public const string Care = "care";
    public const string HealthInsurance = "health-insurance";
    public const string Debts = "debts";
    public const string ReleaseDayContact = "release-day-contact";
    public const string FollowUp1 = "follow-up-1";
    public const string FollowUp2 = "follow-up-2";
    public const string FollowUp3 = "follow-up-3";
    public const string ConfirmReleaseDate = "confirm-release-date";

    /// <summary>Steps due before release: they wait while the release date is unknown.</summary>
    public static readonly IReadOnlyList<string> PreRelease = [IdentityDocument, Housing, Income, Care];

    /// <summary>Steps due after release.</summary>
    public static readonly IReadOnlyList<string> PostRelease = [HealthInsurance, Debts, ReleaseDayContact, FollowUp1, FollowUp2, FollowUp3];

    /// <summary>The basic conditions a coordinator updates, each with its step.</summary>
    public static readonly IReadOnlyList<string> Conditions = [IdentityDocument, Housing, Income, Care, HealthInsurance, Debts];

    /// <summary>Contacts after release, in order; "follow-up-done" completes the earliest open one.</summary>
    public static readonly IReadOnlyList<string> FollowUps = [ReleaseDayContact, FollowUp1, FollowUp2, FollowUp3];

    public static StepPlan Default { get; } = new(Name, Version,
    [
        Step(Intake, "Intake / screening", "notification", Term.WorkingDays(10), Source.Practice("DJI brengt binnen 10 werkdagen na binnenkomst de behoeften in kaart"), remind: Term.WorkingDays(2)),
        Step(Consent, "Toestemming per basisvoorwaarde vastgelegd", "notification", Term.WorkingDays(10), Source.Practice("sinds 2019 wordt het basisvoorwaardenformulier met toestemming per voorwaarde gedeeld"), remind: null, completedBy: [TrajectoryEvents.IntakeCompleted]),
        Step(IdentityDocument, "Geldig identiteitsbewijs bij vrijlating", "release", Term.Days(-14), Source.Practice("aanvraag ID-kaart via de gemeente van de PI mogelijk sinds 1-9-2023 (Paspoortbesluit art. 3.2)")),
        Step(Housing, "Huisvesting / opvang geregeld", "release", Term.Days(-14), Source.Default("huisvesting 14 dagen voor vrijlating; escaleren 7 dagen voor vrijlating")) with { EscalateAfter = Term.Days(6) }, // escalation at the start of release − 7
        Step(Income, "Uitkering gemeld of werk geregeld", "release", Term.Days(-7), Source.Law("Participatiewet art. 13: geen bijstand tijdens detentie; [D] melding vóór vrijlating zodat inkomen bij vrijlating start")),
        Step(Care, "Continuïteit van zorg geregeld", "release", Term.Days(-7), Source.Default("zorg 7 dagen voor vrijlating")),
        Step(HealthInsurance, "Zorgverzekering hervat, zorgtoeslag opnieuw aangevraagd", "release", Term.Days(7), Source.Practice("verzekering is geschorst tijdens detentie en loopt weer na melding van vrijlating")),
        Step(Debts, "Schulden in kaart en doorverwezen", "release", Term.Days(28), Source.Default("schulden 28 dagen na vrijlating")),
        Step(ReleaseDayContact, "Contact op de dag na vrijlating", "release", Term.WorkingDays(1), Source.Default("contact 1 werkdag na vrijlating"), remind: Term.WorkingDays(0)),
        Step(FollowUp1, "Nazorgcontact na 4 weken", "release", Term.Weeks(4), Source.Default("follow-up 4 weken na vrijlating")),
        Step(FollowUp2, "Nazorgcontact na 3 maanden", "release", Term.Months(3), Source.Default("follow-up 3 maanden na vrijlating")),
        Step(FollowUp3, "Nazorgcontact na 6 maanden", "release", Term.Months(6), Source.Default("follow-up 6 maanden na vrijlating; daarna afsluiten")),
        new StepDefinition
        {
            Key = ConfirmReleaseDate,
            Label = "Vrijlatingsdatum bevestigen",
            Anchor = "release-unknown",
            Due = Term.Weeks(4),
            Responsible = Role.Assignee,
            RemindBefore = Term.Days(0),
            Source = Source.Default("vrijlatingsdatum onbekend (bijv. voorlopige hechtenis): elke 4 weken nagaan"),
        },
    ]);

    private static StepDefinition Step(string key, string label, string anchor, Term due, Source source, Term? remind = null, IReadOnlyList<string>? completedBy = null) => new()
    {
        Key = key,
        Label = label,
        Anchor = anchor,
        Due = due,
        Responsible = Role.Assignee,
        RemindBefore = remind ?? (due.Unit == TermUnit.WorkingDays ? Term.WorkingDays(1) : Term.Days(3)),
        EscalateTo = Role.TeamLead,
        CompletedBy = completedBy ?? (key == Intake ? [TrajectoryEvents.IntakeCompleted] : []),
        Source = source,
    };
}
