namespace Workflows.Domain.Calendar;

/// <summary>
/// Conversions between instants and Dutch calendar dates and wall-clock times
/// (Europe/Amsterdam, CET/CEST). All domain dates are Dutch dates (RULES: "Dates are in
/// Europe/Amsterdam"); this never reads the clock, callers pass the instant from a
/// <see cref="TimeProvider"/>.
/// </summary>
public static class DutchTime
{
    /// <summary>The Europe/Amsterdam time zone.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The Dutch calendar date at the given instant.</summary>
    public static DateOnly Today(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// The instant at which Dutch wall-clock time reads <paramref name="time"/> on
    /// <paramref name="date"/>, with the Amsterdam offset in force at that instant
    /// (+01:00 in winter, +02:00 in summer).
    /// </summary>
    /// <remarks>
    /// Around daylight saving changes: a time that does not exist (the spring-forward hour,
    /// e.g. 02:30 on 29 March 2026) moves forward by the gap (03:30 +02:00); a time that
    /// occurs twice (the fall-back hour, e.g. 02:30 on 25 October 2026) resolves to the
    /// earlier instant (02:30 +02:00). Both choices keep a deadline from landing before the
    /// moment the wall clock names.
    /// </remarks>
    public static DateTimeOffset AtLocal(DateOnly date, TimeOnly time)
    {
        DateTime local = date.ToDateTime(time, DateTimeKind.Unspecified);

        if (Zone.IsInvalidTime(local))
        {
            // Read the wall time with the offset in force before the gap, then show it in the
            // offset after it; no two transitions fall within a day of each other.
            TimeSpan offsetBeforeGap = Zone.GetUtcOffset(local.AddDays(-1));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, offsetBeforeGap), Zone);
        }

        if (Zone.IsAmbiguousTime(local))
        {
            // The larger offset is the first occurrence (still summer time).
            TimeSpan earlierOccurrence = Zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, earlierOccurrence);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
