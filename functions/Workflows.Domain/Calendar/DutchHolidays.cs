using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Workflows.Domain.Calendar;

/// <summary>
/// The Dutch public holidays that stop a statutory term: [L] Algemene termijnenwet art. 3.
/// Lid 1 names Nieuwjaarsdag, the Christian second Easter and Whit day, both Christmas days,
/// Hemelvaartsdag, the day the King's birthday is celebrated and 5 May (every year, not only
/// in lustrum years); lid 2 puts Goede Vrijdag on a par with them. Days designated by royal
/// decree (lid 3) are configuration and belong to <see cref="WorkingDayCalendar"/>.
/// </summary>
/// <remarks>
/// Easter Sunday and Whit Sunday are not listed: the Atw does not name them and they are
/// Sundays, which are never working days anyway.
/// </remarks>
public static class DutchHolidays
{
    // First year of the Gregorian computus; earlier Easter dates follow the Julian calendar.
    private const int FirstGregorianYear = 1583;

    // Koningsdag (27 April) replaced Koninginnedag (30 April) in 2014; earlier years would
    // need the old rule, so they are refused rather than answered wrongly.
    private const int FirstSupportedHolidayYear = 2014;

    private static readonly ConcurrentDictionary<int, ReadOnlyCollection<PublicHoliday>> Cache = new();

    /// <summary>
    /// Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm,
    /// Meeus/Jones/Butcher).
    /// </summary>
    /// <param name="year">A year from 1583 up to 9999.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is before 1583 or after 9999.</exception>
    public static DateOnly Easter(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstGregorianYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int monthAndDay = h + l - (7 * m) + 114;
        return new DateOnly(year, monthAndDay / 31, (monthAndDay % 31) + 1);
    }

    /// <summary>
    /// The public holidays of a year per Algemene termijnenwet art. 3 leden 1 en 2, ordered by
    /// date. A date can appear twice when two holidays coincide (5 May 2016 was both
    /// Bevrijdingsdag and Hemelvaartsdag).
    /// </summary>
    /// <param name="year">A year from 2014 (the first year of Koningsdag) up to 9999.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is before 2014 or after 9999.</exception>
    public static IReadOnlyList<PublicHoliday> PublicHolidays(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstSupportedHolidayYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);
        return Cache.GetOrAdd(year, Compute);
    }

    /// <summary>Whether the date is a public holiday per Algemene termijnenwet art. 3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 2014.</exception>
    public static bool IsPublicHoliday(DateOnly date)
    {
        foreach (PublicHoliday holiday in PublicHolidays(date.Year))
        {
            if (holiday.Date == date)
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlyCollection<PublicHoliday> Compute(int year)
    {
        DateOnly easter = Easter(year);
        var kingsDay = new DateOnly(year, 4, 27);

        // The King's birthday is celebrated on the 26th when the 27th is a Sunday (RULES §0).
        if (kingsDay.DayOfWeek == DayOfWeek.Sunday)
        {
            kingsDay = kingsDay.AddDays(-1);
        }

        PublicHoliday[] holidays =
        [
            new(new DateOnly(year, 1, 1), "Nieuwjaarsdag"),
            new(easter.AddDays(-2), "Goede Vrijdag"),
            new(easter.AddDays(1), "Tweede Paasdag"),
            new(kingsDay, "Koningsdag"),
            new(new DateOnly(year, 5, 5), "Bevrijdingsdag"),
            new(easter.AddDays(39), "Hemelvaartsdag"),
            new(easter.AddDays(50), "Tweede Pinksterdag"),
            new(new DateOnly(year, 12, 25), "Eerste Kerstdag"),
            new(new DateOnly(year, 12, 26), "Tweede Kerstdag"),
        ];

        // Stable sort keeps Bevrijdingsdag before Hemelvaartsdag when they share 5 May.
        return Array.AsReadOnly([.. holidays.OrderBy(holiday => holiday.Date)]);
    }
}
