using Workflows.Domain.Calendar;

namespace Workflows.Domain.Tests.Calendar;

public sealed class DutchHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    // Extremes of the Gregorian computus: earliest (22 March) and latest (25 April) Easter.
    [InlineData(1818, "1818-03-22")]
    [InlineData(2285, "2285-03-22")]
    [InlineData(1943, "1943-04-25")]
    [InlineData(2038, "2038-04-25")]
    public void Easter_falls_on_the_known_Sunday(int year, string expected)
    {
        DateOnly easter = DutchHolidays.Easter(year);

        Assert.Equal(Dates.Parse(expected), easter);
        Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
    }

    [Fact]
    public void Easter_before_the_Gregorian_calendar_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DutchHolidays.Easter(1582));
    }

    [Theory]
    [InlineData("2024-01-01", "Nieuwjaarsdag")]
    [InlineData("2024-03-29", "Goede Vrijdag")]
    [InlineData("2024-04-01", "Tweede Paasdag")]
    [InlineData("2024-04-27", "Koningsdag")]
    [InlineData("2024-05-05", "Bevrijdingsdag")]
    [InlineData("2024-05-09", "Hemelvaartsdag")]
    [InlineData("2024-05-20", "Tweede Pinksterdag")]
    [InlineData("2024-12-25", "Eerste Kerstdag")]
    [InlineData("2024-12-26", "Tweede Kerstdag")]
    [InlineData("2025-01-01", "Nieuwjaarsdag")]
    [InlineData("2025-04-18", "Goede Vrijdag")]
    [InlineData("2025-04-21", "Tweede Paasdag")]
    [InlineData("2025-04-26", "Koningsdag")] // 27 April 2025 is a Sunday
    [InlineData("2025-05-05", "Bevrijdingsdag")]
    [InlineData("2025-05-29", "Hemelvaartsdag")]
    [InlineData("2025-06-09", "Tweede Pinksterdag")]
    [InlineData("2025-12-25", "Eerste Kerstdag")]
    [InlineData("2025-12-26", "Tweede Kerstdag")]
    [InlineData("2026-01-01", "Nieuwjaarsdag")]
    [InlineData("2026-04-03", "Goede Vrijdag")]
    [InlineData("2026-04-06", "Tweede Paasdag")]
    [InlineData("2026-04-27", "Koningsdag")]
    [InlineData("2026-05-05", "Bevrijdingsdag")]
    [InlineData("2026-05-14", "Hemelvaartsdag")]
    [InlineData("2026-05-25", "Tweede Pinksterdag")]
    [InlineData("2026-12-25", "Eerste Kerstdag")]
    [InlineData("2026-12-26", "Tweede Kerstdag")]
    [InlineData("2027-01-01", "Nieuwjaarsdag")]
    [InlineData("2027-03-26", "Goede Vrijdag")]
    [InlineData("2027-03-29", "Tweede Paasdag")]
    [InlineData("2027-04-27", "Koningsdag")]
    [InlineData("2027-05-05", "Bevrijdingsdag")]
    [InlineData("2027-05-06", "Hemelvaartsdag")]
    [InlineData("2027-05-17", "Tweede Pinksterdag")]
    [InlineData("2027-12-25", "Eerste Kerstdag")]
    [InlineData("2027-12-26", "Tweede Kerstdag")]
    [InlineData("2028-01-01", "Nieuwjaarsdag")]
    [InlineData("2028-04-14", "Goede Vrijdag")]
    [InlineData("2028-04-17", "Tweede Paasdag")]
    [InlineData("2028-04-27", "Koningsdag")]
    [InlineData("2028-05-05", "Bevrijdingsdag")]
    [InlineData("2028-05-25", "Hemelvaartsdag")]
    [InlineData("2028-06-05", "Tweede Pinksterdag")]
    [InlineData("2028-12-25", "Eerste Kerstdag")]
    [InlineData("2028-12-26", "Tweede Kerstdag")]
    [InlineData("2029-01-01", "Nieuwjaarsdag")]
    [InlineData("2029-03-30", "Goede Vrijdag")]
    [InlineData("2029-04-02", "Tweede Paasdag")]
    [InlineData("2029-04-27", "Koningsdag")]
    [InlineData("2029-05-05", "Bevrijdingsdag")]
    [InlineData("2029-05-10", "Hemelvaartsdag")]
    [InlineData("2029-05-21", "Tweede Pinksterdag")]
    [InlineData("2029-12-25", "Eerste Kerstdag")]
    [InlineData("2029-12-26", "Tweede Kerstdag")]
    [InlineData("2030-01-01", "Nieuwjaarsdag")]
    [InlineData("2030-04-19", "Goede Vrijdag")]
    [InlineData("2030-04-22", "Tweede Paasdag")]
    [InlineData("2030-04-27", "Koningsdag")]
    [InlineData("2030-05-05", "Bevrijdingsdag")]
    [InlineData("2030-05-30", "Hemelvaartsdag")]
    [InlineData("2030-06-10", "Tweede Pinksterdag")]
    [InlineData("2030-12-25", "Eerste Kerstdag")]
    [InlineData("2030-12-26", "Tweede Kerstdag")]
    public void Public_holiday_falls_on_its_known_date(string date, string name)
    {
        DateOnly expected = Dates.Parse(date);

        IReadOnlyList<PublicHoliday> holidays = DutchHolidays.PublicHolidays(expected.Year);

        Assert.Equal(expected, Assert.Single(holidays, holiday => holiday.Name == name).Date);
        Assert.True(DutchHolidays.IsPublicHoliday(expected));
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    [InlineData(2029)]
    [InlineData(2030)]
    public void Every_year_has_exactly_the_nine_Atw_holidays_in_date_order(int year)
    {
        IReadOnlyList<PublicHoliday> holidays = DutchHolidays.PublicHolidays(year);

        Assert.Equal(
            [
                "Nieuwjaarsdag", "Goede Vrijdag", "Tweede Paasdag", "Koningsdag", "Bevrijdingsdag",
                "Hemelvaartsdag", "Tweede Pinksterdag", "Eerste Kerstdag", "Tweede Kerstdag",
            ],
            holidays.Select(holiday => holiday.Name));
        Assert.Equal(holidays.OrderBy(holiday => holiday.Date), holidays);
        Assert.All(holidays, holiday => Assert.Equal(year, holiday.Date.Year));
    }

    [Theory]
    [InlineData(2014, "2014-04-26")] // the first Koningsdag; 27 April 2014 was a Sunday
    [InlineData(2025, "2025-04-26")]
    [InlineData(2031, "2031-04-26")]
    [InlineData(2036, "2036-04-26")]
    public void Kings_day_moves_to_Saturday_26_April_when_the_27th_is_a_Sunday(int year, string expected)
    {
        PublicHoliday kingsDay = Assert.Single(
            DutchHolidays.PublicHolidays(year), holiday => holiday.Name == "Koningsdag");

        Assert.Equal(Dates.Parse(expected), kingsDay.Date);
        Assert.Equal(DayOfWeek.Saturday, kingsDay.Date.DayOfWeek);
    }

    [Fact]
    public void Liberation_day_and_Ascension_on_the_same_date_are_both_listed()
    {
        // Easter 2016 was 27 March, so Hemelvaartsdag fell on 5 May.
        var fifthOfMay = new DateOnly(2016, 5, 5);

        IReadOnlyList<PublicHoliday> holidays = DutchHolidays.PublicHolidays(2016);

        Assert.Equal(
            ["Bevrijdingsdag", "Hemelvaartsdag"],
            holidays.Where(holiday => holiday.Date == fifthOfMay).Select(holiday => holiday.Name));
    }

    [Theory]
    [InlineData("2026-04-05")] // Eerste Paasdag
    [InlineData("2026-05-24")] // Eerste Pinksterdag
    [InlineData("2026-04-02")] // Witte Donderdag
    [InlineData("2026-12-24")] // Kerstavond
    [InlineData("2026-12-31")] // Oudejaarsdag
    public void Days_the_Atw_does_not_name_are_not_public_holidays(string date)
    {
        Assert.False(DutchHolidays.IsPublicHoliday(Dates.Parse(date)));
    }

    [Fact]
    public void Years_before_Koningsdag_existed_are_refused_rather_than_guessed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DutchHolidays.PublicHolidays(2013));
    }

    [Fact]
    public void Repeated_lookups_return_the_cached_list()
    {
        Assert.Same(DutchHolidays.PublicHolidays(2027), DutchHolidays.PublicHolidays(2027));
    }
}
