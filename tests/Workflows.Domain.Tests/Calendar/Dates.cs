using System.Globalization;

namespace Workflows.Domain.Tests.Calendar;

// Attributes cannot carry DateOnly, so table rows hold ISO dates as text.
internal static class Dates
{
    public static DateOnly Parse(string isoDate) =>
        DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
