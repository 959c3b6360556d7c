namespace Workflows.Domain.Calendar;

/// <summary>
/// A generally recognised public holiday ("algemeen erkende feestdag") on a given date.
/// </summary>
/// <param name="Date">The calendar date in Europe/Amsterdam.</param>
/// <param name="Name">The Dutch name, e.g. "Koningsdag".</param>
public sealed record PublicHoliday(DateOnly Date, string Name);
