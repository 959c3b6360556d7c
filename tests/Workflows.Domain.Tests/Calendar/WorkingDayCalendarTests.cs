using Workflows.Domain.Calendar;

namespace Workflows.Domain.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = new();

    [Theory]
    [InlineData("2026-06-10", true)]  // Wednesday
    [InlineData("2026-06-13", false)] // Saturday
    [InlineData("2026-06-14", false)] // Sunday
    [InlineData("2026-04-03", false)] // Goede Vrijdag
    [InlineData("2026-04-06", false)] // Tweede Paasdag
    [InlineData("2026-04-27", false)] // Koningsdag, a Monday
    [InlineData("2026-05-05", false)] // Bevrijdingsdag, a Tuesday in a non-lustrum year
    [InlineData("2026-05-14", false)] // Hemelvaartsdag
    [InlineData("2026-05-15", true)]  // Friday after Ascension is only off when designated
    [InlineData("2026-12-24", true)]  // Kerstavond
    [InlineData("2026-12-31", true)]  // Oudejaarsdag
    public void Weekends_and_Atw_holidays_are_not_working_days(string date, bool expected)
    {
        Assert.Equal(expected, _calendar.IsWorkingDay(Dates.Parse(date)));
    }

    [Fact]
    public void One_working_day_after_Thursday_before_Easter_skips_Good_Friday_and_Easter_Monday()
    {
        DateOnly due = _calendar.AddWorkingDays(new DateOnly(2026, 4, 2), 1);

        Assert.Equal(new DateOnly(2026, 4, 7), due);
    }

    [Fact]
    public void Three_working_days_after_Thursday_before_Easter_skip_Good_Friday_and_Easter_Monday()
    {
        // Tue 7, Wed 8, Thu 9 April.
        DateOnly due = _calendar.AddWorkingDays(new DateOnly(2026, 4, 2), 3);

        Assert.Equal(new DateOnly(2026, 4, 9), due);
    }

    [Fact]
    public void One_working_day_after_Friday_before_Kings_day_is_Tuesday()
    {
        DateOnly due = _calendar.AddWorkingDays(new DateOnly(2026, 4, 24), 1);

        Assert.Equal(new DateOnly(2026, 4, 28), due);
    }

    [Fact]
    public void One_working_day_after_Monday_4_May_skips_Liberation_day()
    {
        DateOnly due = _calendar.AddWorkingDays(new DateOnly(2026, 5, 4), 1);

        Assert.Equal(new DateOnly(2026, 5, 6), due);
    }

    [Fact]
    public void One_working_day_after_Christmas_Eve_is_the_Monday_after_Christmas()
    {
        // Fri 25 Dec is Eerste Kerstdag, Sat 26 Dec is Tweede Kerstdag and a weekend day anyway.
        DateOnly due = _calendar.AddWorkingDays(new DateOnly(2026, 12, 24), 1);

        Assert.Equal(new DateOnly(2026, 12, 28), due);
    }

    [Fact]
    public void Five_working_days_after_Christmas_Eve_skip_Christmas_and_New_Years_day()
    {
        // Mon 28, Tue 29, Wed 30, Thu 31 Dec; Fri 1 Jan is Nieuwjaarsdag; Mon 4 Jan.
        DateOnly due = _calendar.AddWorkingDays(new DateOnly(2026, 12, 24), 5);

        Assert.Equal(new DateOnly(2027, 1, 4), due);
    }

    [Fact]
    public void Ten_working_days_after_an_ordinary_Monday_is_two_weeks_later()
    {
        DateOnly due = _calendar.AddWorkingDays(new DateOnly(2026, 6, 8), 10);

        Assert.Equal(new DateOnly(2026, 6, 22), due);
    }

    [Fact]
    public void Working_days_after_a_Saturday_count_from_the_next_working_day()
    {
        // Sat 4 April 2026: Sunday and Easter Monday do not count.
        DateOnly due = _calendar.AddWorkingDays(new DateOnly(2026, 4, 4), 1);

        Assert.Equal(new DateOnly(2026, 4, 7), due);
    }

    [Fact]
    public void Zero_working_days_returns_the_same_date_even_on_a_weekend()
    {
        var saturday = new DateOnly(2026, 4, 4);

        Assert.Equal(saturday, _calendar.AddWorkingDays(saturday, 0));
        Assert.Equal(saturday, _calendar.SubtractWorkingDays(saturday, 0));
    }

    [Fact]
    public void Negative_working_day_counts_are_refused()
    {
        var date = new DateOnly(2026, 6, 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddWorkingDays(date, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.SubtractWorkingDays(date, -1));
    }

    [Fact]
    public void A_configured_designated_day_is_not_a_working_day()
    {
        // The Friday after Ascension 2026, as a royal decree may designate it.
        var bridgeDay = new DateOnly(2026, 5, 15);
        var withBridgeDay = new WorkingDayCalendar([bridgeDay]);
        var wednesday = new DateOnly(2026, 5, 13);

        Assert.False(withBridgeDay.IsWorkingDay(bridgeDay));
        Assert.Equal(bridgeDay, _calendar.AddWorkingDays(wednesday, 1));
        Assert.Equal(new DateOnly(2026, 5, 18), withBridgeDay.AddWorkingDays(wednesday, 1));
        Assert.Equal(new DateOnly(2026, 5, 18), withBridgeDay.NextWorkingDayOnOrAfter(new DateOnly(2026, 5, 14)));
    }

    [Theory]
    [InlineData("2026-06-13", "2026-06-15")] // Saturday runs to Monday
    [InlineData("2026-06-14", "2026-06-15")] // Sunday runs to Monday
    [InlineData("2026-06-10", "2026-06-10")] // a working day stays
    [InlineData("2026-04-03", "2026-04-07")] // Good Friday runs past the Easter weekend
    [InlineData("2026-12-26", "2026-12-28")] // Tweede Kerstdag on a Saturday
    [InlineData("2027-01-01", "2027-01-04")] // Nieuwjaarsdag on a Friday
    public void A_term_ending_on_a_non_working_day_runs_to_the_next_working_day(string endsOn, string expected)
    {
        Assert.Equal(Dates.Parse(expected), _calendar.NextWorkingDayOnOrAfter(Dates.Parse(endsOn)));
    }

    [Theory]
    [InlineData("2026-06-10", "2026-06-09")] // Wednesday -> Tuesday
    [InlineData("2026-06-15", "2026-06-12")] // Monday -> Friday
    [InlineData("2026-04-07", "2026-04-02")] // Tuesday after Easter -> Thursday before
    [InlineData("2026-04-28", "2026-04-24")] // Tuesday after Koningsdag -> Friday before
    [InlineData("2026-06-13", "2026-06-12")] // from a Saturday
    public void Previous_working_day_skips_weekends_and_holidays(string date, string expected)
    {
        Assert.Equal(Dates.Parse(expected), _calendar.PreviousWorkingDayBefore(Dates.Parse(date)));
    }

    [Fact]
    public void Three_working_days_before_the_Thursday_after_Easter_is_the_Thursday_before()
    {
        // Wed 8, Tue 7, (Mon 6 Easter Monday, weekend, Fri 3 Good Friday), Thu 2 April.
        DateOnly remindOn = _calendar.SubtractWorkingDays(new DateOnly(2026, 4, 9), 3);

        Assert.Equal(new DateOnly(2026, 4, 2), remindOn);
    }

    [Fact]
    public void Two_working_days_before_the_first_working_day_of_2027_skip_New_Years_day()
    {
        DateOnly remindOn = _calendar.SubtractWorkingDays(new DateOnly(2027, 1, 4), 2);

        Assert.Equal(new DateOnly(2026, 12, 30), remindOn);
    }

    [Theory]
    [InlineData("2026-04-02", "2026-04-07", 1)]
    [InlineData("2026-04-02", "2026-04-09", 3)]
    [InlineData("2026-04-02", "2026-04-02", 0)]
    [InlineData("2026-04-03", "2026-04-06", 0)]   // Good Friday to Easter Monday: none
    [InlineData("2026-04-09", "2026-04-02", -3)]  // reversed interval counts negatively
    [InlineData("2026-12-18", "2027-01-08", 13)]  // 4 + 4 in December, 5 in January
    [InlineData("2025-12-31", "2026-12-31", 253)] // 261 weekdays minus 8 weekday holidays
    public void Working_days_between_count_the_half_open_interval(string start, string end, int expected)
    {
        Assert.Equal(expected, _calendar.WorkingDaysBetween(Dates.Parse(start), Dates.Parse(end)));
    }

    [Theory]
    [InlineData("2026-04-02", "2026-04-07")]
    [InlineData("2026-04-24", "2026-05-29")]
    [InlineData("2026-12-20", "2027-01-11")]
    public void Adding_the_working_days_between_two_dates_lands_on_the_later_working_day(string start, string end)
    {
        DateOnly from = Dates.Parse(start);
        DateOnly to = Dates.Parse(end);

        int between = _calendar.WorkingDaysBetween(from, to);

        Assert.Equal(to, _calendar.AddWorkingDays(from, between));
    }
}
