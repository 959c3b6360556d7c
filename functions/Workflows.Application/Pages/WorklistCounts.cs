namespace Workflows.Application.Pages;

/// <summary>
/// Open steps per due date under the page's filters (from the worklist's count rows): every tab's count, and where a
/// page of a tab starts, so a page reads only its own rows whatever its number.
/// </summary>
internal sealed class WorklistCounts(SortedDictionary<DateOnly, int> perDate)
{
    /// <summary>Steps due in [from, to); null is open-ended.</summary>
    public int Count(DateOnly? from, DateOnly? to) => InRange(from, to).Sum(p => p.Value);

    /// <summary>
    /// The first due date of the rows after the first <paramref name="skip"/> of [from, to), and how many rows of that
    /// date come before them; null when there are no more rows.
    /// </summary>
    public (DateOnly From, int SkipWithin)? Start(DateOnly? from, DateOnly? to, int skip)
    {
        var before = 0;
        foreach (var (date, n) in InRange(from, to))
        {
            if (before + n > skip)
            {
                return (date, skip - before);
            }

            before += n;
        }

        return null;
    }

    private IEnumerable<KeyValuePair<DateOnly, int>> InRange(DateOnly? from, DateOnly? to) =>
        perDate.Where(p => (from is null || p.Key >= from) && (to is null || p.Key < to));
}
