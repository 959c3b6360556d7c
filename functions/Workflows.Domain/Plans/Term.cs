using Workflows.Domain.Calendar;

namespace Workflows.Domain.Plans;

/// <summary>How a term is counted.</summary>
public enum TermUnit
{
    WorkingDays,
    Days,
    Weeks,
    Months,
}

/// <summary>A length of time as the rules state it ("5 working days", "4 weeks", "release − 14 days").</summary>
public sealed record Term(int Amount, TermUnit Unit)
{
    public static Term WorkingDays(int amount) => new(amount, TermUnit.WorkingDays);

    public static Term Days(int amount) => new(amount, TermUnit.Days);

    public static Term Weeks(int amount) => new(amount, TermUnit.Weeks);

    public static Term Months(int amount) => new(amount, TermUnit.Months);

    /// <summary>The date this term after (or, when negative, before) <paramref name="anchor"/>.</summary>
    public DateOnly From(DateOnly anchor, WorkingDayCalendar calendar) => Unit switch
    {
        // RULES §0: "N working days after X" counts working days strictly after X's date.
        TermUnit.WorkingDays => Amount >= 0 ? calendar.AddWorkingDays(anchor, Amount) : calendar.SubtractWorkingDays(anchor, -Amount),
        TermUnit.Days => anchor.AddDays(Amount),
        TermUnit.Weeks => anchor.AddDays(7 * Amount),
        TermUnit.Months => anchor.AddMonths(Amount),
        _ => throw new InvalidOperationException($"Unknown unit {Unit}."),
    };

    /// <summary>The date this term before <paramref name="date"/> (for "remind N before due").</summary>
    public DateOnly Before(DateOnly date, WorkingDayCalendar calendar) => (this with { Amount = -Amount }).From(date, calendar);

    /// <summary>Rough length in days, to compare terms of different units (tighten-only checks).</summary>
    public double ApproximateDays => Unit switch
    {
        TermUnit.WorkingDays => Amount * 7.0 / 5.0,
        TermUnit.Days => Amount,
        TermUnit.Weeks => Amount * 7.0,
        _ => Amount * 30.4,
    };

    public override string ToString() => Unit switch
    {
        TermUnit.WorkingDays => $"{Amount} werkdag(en)",
        TermUnit.Days => $"{Amount} dag(en)",
        TermUnit.Weeks => $"{Amount} we(e)k(en)",
        _ => $"{Amount} maand(en)",
    };
}
