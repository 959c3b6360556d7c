using Workflows.Domain.Calendar;

namespace Workflows.Domain.Plans;

/// <summary>The moments a step's timers fire, in Dutch time, and their names.</summary>
public static class StepTimers
{
    /// <summary>Reminders go out at the start of the working morning.</summary>
    public static readonly TimeOnly ReminderTime = new(8, 0);

    public const string RemindPrefix = "remind:";
    public const string OverduePrefix = "overdue:";

    /// <summary>Reminder moment: 08:00 on the day <see cref="StepDefinition.RemindBefore"/> before the due date.</summary>
    public static DateTimeOffset? RemindAt(StepDefinition definition, DateOnly due, WorkingDayCalendar calendar) =>
        definition.RemindBefore is { } before ? DutchTime.AtLocal(before.Before(due, calendar), ReminderTime) : null;

    /// <summary>A step is overdue once its due day has ended (midnight, Dutch time).</summary>
    public static DateTimeOffset OverdueAt(DateOnly due) => DutchTime.AtLocal(due.AddDays(1), TimeOnly.MinValue);

    /// <summary>When the overdue timer (escalation) fires: at overdue, or later by <see cref="StepDefinition.EscalateAfter"/>.</summary>
    public static DateTimeOffset EscalateAt(StepDefinition definition, DateOnly due, WorkingDayCalendar calendar) =>
        OverdueAt(definition.EscalateAfter is { } after ? after.From(due, calendar) : due);

    public static string Remind(string key) => RemindPrefix + key;

    public static string Overdue(string key) => OverduePrefix + key;

    /// <summary>Splits a timer name into its kind and step key; null for timers that are not step timers.</summary>
    public static (bool IsReminder, string Key)? Parse(string timerName) =>
        timerName.StartsWith(RemindPrefix, StringComparison.Ordinal) ? (true, timerName[RemindPrefix.Length..])
        : timerName.StartsWith(OverduePrefix, StringComparison.Ordinal) ? (false, timerName[OverduePrefix.Length..])
        : null;
}
