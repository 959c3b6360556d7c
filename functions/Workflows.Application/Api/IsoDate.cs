using System.Globalization;
using Workflows.Domain.Calendar;

namespace Workflows.Application.Api;

/// <summary>Calendar dates on the wire: <c>YYYY-MM-DD</c> (API.md), compared with today in Europe/Amsterdam.</summary>
public static class IsoDate
{
    public const string FormatMessage = "Must be a date as YYYY-MM-DD.";

    /// <summary>Exactly <c>YYYY-MM-DD</c>, a real calendar date; nothing else (no time, no other order).</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Today's Dutch date on the app's clock (RULES: "Dates are in Europe/Amsterdam").</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DutchTime.Today(clock.GetUtcNow());
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
