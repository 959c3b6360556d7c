using System.Collections.Frozen;

namespace Workflows.Domain.Calendar;

/// <summary>
/// Dutch working days for statutory and policy terms: every day except Saturday, Sunday,
/// the public holidays of Algemene termijnenwet art. 3 (<see cref="DutchHolidays"/>) and the
/// days designated by royal decree ("bij koninklijk besluit aangewezen dagen", Atw art. 3
/// lid 3) that configuration supplies. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Dates are calendar dates in Europe/Amsterdam; convert instants with <see cref="DutchTime"/>.
/// Holidays are modelled from 2014, so dates before 2014 throw
/// <see cref="ArgumentOutOfRangeException"/>.
/// </remarks>
public sealed class WorkingDayCalendar
{
    private readonly FrozenSet<DateOnly> _designatedNonWorkingDays;

    /// <summary>Creates a calendar.</summary>
    /// <param name="designatedNonWorkingDays">
    /// Extra non-working days designated by royal decree (e.g. a bridge day after
    /// Hemelvaartsdag), from configuration; <see langword="null"/> or empty for none.
    /// </param>
    public WorkingDayCalendar(IEnumerable<DateOnly>? designatedNonWorkingDays = null)
    {
        _designatedNonWorkingDays = designatedNonWorkingDays?.ToFrozenSet() ?? FrozenSet<DateOnly>.Empty;
    }

    /// <summary>
    /// Whether the date is a working day: not a Saturday or Sunday, not an Atw art. 3 holiday
    /// and not a designated day.
    /// </summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !_designatedNonWorkingDays.Contains(date)
        && !DutchHolidays.IsPublicHoliday(date);

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="from"/>,
    /// counting only working days strictly after <paramref name="from"/> (RULES §0): from
    /// Thursday 2 April 2026, one working day later is Tuesday 7 April (Good Friday and Easter
    /// Monday do not count). <paramref name="from"/> itself need not be a working day.
    /// </summary>
    /// <param name="from">The anchor date, e.g. the date of receipt.</param>
    /// <param name="workingDays">
    /// Zero or more. Zero returns <paramref name="from"/> unchanged, even when it is not a
    /// working day; use <see cref="NextWorkingDayOnOrAfter"/> to move onto a working day.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        return Step(from, workingDays, direction: 1);
    }

    /// <summary>
    /// The date <paramref name="workingDays"/> working days before <paramref name="from"/>,
    /// counting only working days strictly before it; the mirror of
    /// <see cref="AddWorkingDays"/>, used for reminders ahead of a due date.
    /// </summary>
    /// <param name="from">The anchor date, e.g. a due date.</param>
    /// <param name="workingDays">Zero or more. Zero returns <paramref name="from"/> unchanged.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public DateOnly SubtractWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        return Step(from, workingDays, direction: -1);
    }

    /// <summary>
    /// The date itself when it is a working day, otherwise the next working day.
    /// [L] Algemene termijnenwet art. 1: a statutory term that ends on a Saturday, Sunday or
    /// holiday runs to the next working day.
    /// </summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// The last working day strictly before the date ("remind 1 working day before").
    /// Same as <c>SubtractWorkingDays(date, 1)</c>.
    /// </summary>
    public DateOnly PreviousWorkingDayBefore(DateOnly date) => Step(date, 1, direction: -1);

    /// <summary>
    /// The number of working days in the half-open interval (<paramref name="start"/>,
    /// <paramref name="end"/>]: <paramref name="start"/> excluded, <paramref name="end"/>
    /// included, matching <see cref="AddWorkingDays"/> so that for a working day
    /// <paramref name="end"/> after <paramref name="start"/>,
    /// <c>AddWorkingDays(start, WorkingDaysBetween(start, end)) == end</c>.
    /// Zero when the dates are equal; negative (the count over (end, start]) when
    /// <paramref name="end"/> is before <paramref name="start"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            return -WorkingDaysBetween(end, start);
        }

        int count = 0;
        for (DateOnly day = start.AddDays(1); day <= end; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    // Day-by-day walk: terms are days to weeks long, and a walk is obviously correct where
    // week arithmetic around holidays is not.
    private DateOnly Step(DateOnly from, int workingDays, int direction)
    {
        DateOnly day = from;
        int remaining = workingDays;
        while (remaining > 0)
        {
            day = day.AddDays(direction);
            if (IsWorkingDay(day))
            {
                remaining--;
            }
        }

        return day;
    }
}
