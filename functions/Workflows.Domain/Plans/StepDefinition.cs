namespace Workflows.Domain.Plans;

/// <summary>
/// One timed step of a plan, as a policy officer reads it: what it is, when it is due relative to
/// which anchor, who does it, when to remind and whom to escalate to, and where the rule comes from.
/// </summary>
public sealed record StepDefinition
{
    /// <summary>Stable key, e.g. "first-contact".</summary>
    public required string Key { get; init; }

    /// <summary>Dutch label shown to staff and in emails.</summary>
    public required string Label { get; init; }

    /// <summary>The anchor date the term counts from, e.g. "received", "release".</summary>
    public required string Anchor { get; init; }

    /// <summary>When it is due after (negative: before) the anchor.</summary>
    public required Term Due { get; init; }

    /// <summary>A shorter term when the case is urgent (threatening situation), or null.</summary>
    public Term? UrgentDue { get; init; }

    public required Role Responsible { get; init; }

    /// <summary>Remind the responsible person this long before the due date (0: on the morning of the due day); null: no reminder.</summary>
    public Term? RemindBefore { get; init; }

    /// <summary>Who hears when the step is overdue; null: nobody (the step's overdue action does the work).</summary>
    public Role? EscalateTo { get; init; }

    /// <summary>Escalate this long after the due date instead of as soon as it has passed (e.g. housing: due release − 14, escalate at release − 7).</summary>
    public Term? EscalateAfter { get; init; }

    /// <summary>Event types that complete the step.</summary>
    public IReadOnlyList<string> CompletedBy { get; init; } = [];

    public required Source Source { get; init; }

    /// <summary>
    /// Atw art. 1: a statutory term ending on a non-working day runs to the next working day. Applied to
    /// working-day terms and to statutory ([L]) terms.
    /// </summary>
    public bool RollsToWorkingDay => Due.Unit == TermUnit.WorkingDays || Source.Kind == SourceKind.Law;
}
