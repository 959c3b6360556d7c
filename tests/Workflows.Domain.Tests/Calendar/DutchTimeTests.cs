using System.Globalization;
using Workflows.Domain.Calendar;

namespace Workflows.Domain.Tests.Calendar;

public sealed class DutchTimeTests
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    [Fact]
    public void Zone_is_Europe_Amsterdam()
    {
        Assert.Equal("Europe/Amsterdam", DutchTime.Zone.Id);
    }

    // Summer time starts Sunday 29 March 2026 at 02:00 local (01:00 UTC) and ends Sunday
    // 25 October 2026 at 03:00 local (01:00 UTC).
    [Theory]
    [InlineData("2026-03-28", "09:00", "2026-03-28T08:00:00Z", 1)]
    [InlineData("2026-03-29", "01:30", "2026-03-29T00:30:00Z", 1)]
    [InlineData("2026-03-29", "09:00", "2026-03-29T07:00:00Z", 2)]
    [InlineData("2026-10-24", "09:00", "2026-10-24T07:00:00Z", 2)]
    [InlineData("2026-10-25", "09:00", "2026-10-25T08:00:00Z", 1)]
    [InlineData("2026-06-15", "00:00", "2026-06-14T22:00:00Z", 2)]
    [InlineData("2026-12-31", "23:59", "2026-12-31T22:59:00Z", 1)]
    public void Local_wall_time_converts_with_the_offset_in_force_that_day(
        string date, string time, string expectedUtc, int expectedOffsetHours)
    {
        DateTimeOffset instant = DutchTime.AtLocal(Dates.Parse(date), TimeOnly.Parse(time, CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), instant);
        Assert.Equal(TimeSpan.FromHours(expectedOffsetHours), instant.Offset);
    }

    [Fact]
    public void A_wall_time_skipped_by_the_spring_change_moves_forward_by_the_gap()
    {
        DateTimeOffset instant = DutchTime.AtLocal(new DateOnly(2026, 3, 29), new TimeOnly(2, 30));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, Summer), instant);
        Assert.Equal(Summer, instant.Offset);
    }

    [Fact]
    public void A_wall_time_repeated_by_the_autumn_change_resolves_to_the_first_occurrence()
    {
        DateTimeOffset instant = DutchTime.AtLocal(new DateOnly(2026, 10, 25), new TimeOnly(2, 30));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), instant);
        Assert.Equal(Summer, instant.Offset);
    }

    [Theory]
    [InlineData("2026-03-28T22:59:00Z", "2026-03-28")] // 23:59 +01:00
    [InlineData("2026-03-28T23:30:00Z", "2026-03-29")] // 00:30 +01:00 on the change day
    [InlineData("2026-03-29T22:30:00Z", "2026-03-30")] // 00:30 +02:00
    [InlineData("2026-10-24T21:59:00Z", "2026-10-24")] // 23:59 +02:00
    [InlineData("2026-10-24T22:30:00Z", "2026-10-25")] // 00:30 +02:00 on the change day
    [InlineData("2026-10-25T22:59:00Z", "2026-10-25")] // 23:59 +01:00
    [InlineData("2026-10-25T23:00:00Z", "2026-10-26")] // midnight +01:00
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01")] // already New Year in Amsterdam
    [InlineData("2026-07-01T01:30:00+02:00", "2026-07-01")] // input offset is respected
    [InlineData("2026-06-30T20:00:00-04:00", "2026-07-01")] // 02:00 +02:00
    public void Today_is_the_Amsterdam_calendar_date_of_the_instant(string instant, string expected)
    {
        DateOnly today = DutchTime.Today(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));

        Assert.Equal(Dates.Parse(expected), today);
    }

    [Fact]
    public void Today_and_AtLocal_round_trip_on_both_change_days()
    {
        foreach (DateOnly date in new[] { new DateOnly(2026, 3, 29), new DateOnly(2026, 10, 25) })
        {
            Assert.Equal(date, DutchTime.Today(DutchTime.AtLocal(date, TimeOnly.MinValue)));
            Assert.Equal(date, DutchTime.Today(DutchTime.AtLocal(date, new TimeOnly(23, 59))));
        }
    }
}
