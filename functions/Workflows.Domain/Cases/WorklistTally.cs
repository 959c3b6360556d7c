using System.Globalization;

namespace Workflows.Domain.Cases;

/// <summary>
/// Counts of open steps kept beside the worklist rows, so a worklist page knows every tab's count without reading
/// every row (PAGES.md "/worklist": tabs with counts). Per municipality and due date, a few count rows, each a map of
/// "kind|team|assignee" to a number: enough to count any tab under any of the page's filters. A count row lives in
/// the worklist partition, so it changes in the same entity-group transaction as the row it counts.
/// </summary>
public static class WorklistTally
{
    /// <summary>Count rows sort after every worklist row (keys start with a date) and before the marker.</summary>
    public const string CountKeyPrefix = "~count|";

    /// <summary>Present once every row of the partition is counted (rows written before counting existed are counted once, later).</summary>
    public const string CompleteKey = "~tally";

    /// <summary>Lowest key of the count rows and the marker: a range read from here reads the partition's tally.</summary>
    public const string TallyFromKey = "~";

    /// <summary>
    /// Count rows per due date at most. What a date's rows count is their sum, so a writer may change any of them: it
    /// starts with one, and when another writer changed that one first (a batch's first steps all fall due on one day)
    /// it moves to another, so a date has more than one count row only where writers met.
    /// </summary>
    public const int Shards = 16;

    private static readonly string[] Columns = ["Kind", "Team", "Assignee"];

    /// <summary>Whether an index partition keeps counts (the worklists only).</summary>
    public static bool IsCounted(string partition) => partition.StartsWith("worklist|", StringComparison.Ordinal);

    /// <summary>One of the count rows of a worklist row's due date (the key's first part).</summary>
    public static string CountKey(string rowKey, int shard)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, Shards);
        var date = rowKey.Split('|', 2)[0];
        return $"{CountKeyPrefix}{date}|{shard:D2}";
    }

    /// <summary>The due date a count row counts.</summary>
    public static DateOnly DateOf(string countKey)
    {
        ArgumentNullException.ThrowIfNull(countKey);
        return DateOnly.ParseExact(countKey.AsSpan(CountKeyPrefix.Length, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>What a row is counted under: its kind, team and assignee (names hold no '|': validated on the way in).</summary>
    public static string Bucket(IReadOnlyDictionary<string, string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return string.Join('|', Columns.Select(c => columns.GetValueOrDefault(c) ?? string.Empty));
    }

    /// <summary>Whether a bucket matches every given filter on Kind, Team and Assignee.</summary>
    public static bool Matches(string bucket, IReadOnlyDictionary<string, string> equals)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(equals);
        var parts = bucket.Split('|');
        for (var i = 0; i < Columns.Length; i++)
        {
            if (equals.TryGetValue(Columns[i], out var wanted) && (i >= parts.Length || parts[i] != wanted))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A count map with one row more (<paramref name="add"/>) and one fewer (<paramref name="remove"/>); zeros dropped.
    /// One count row may go below zero for a bucket: the date's sum over its count rows is what counts.
    /// </summary>
    public static Dictionary<string, int> Apply(IReadOnlyDictionary<string, int> counts, string? remove, string? add)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var next = new Dictionary<string, int>(counts, StringComparer.Ordinal);
        if (remove is not null)
        {
            next[remove] = next.GetValueOrDefault(remove) - 1;
        }

        if (add is not null)
        {
            next[add] = next.GetValueOrDefault(add) + 1;
        }

        foreach (var empty in next.Where(p => p.Value == 0).Select(p => p.Key).ToList())
        {
            next.Remove(empty);
        }

        return next;
    }

    /// <summary>Several count maps as one (a date's count rows folded together); zeros dropped.</summary>
    public static Dictionary<string, int> Sum(IEnumerable<IReadOnlyDictionary<string, int>> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        var sum = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (bucket, n) in maps.SelectMany(m => m))
        {
            sum[bucket] = sum.GetValueOrDefault(bucket) + n;
        }

        return sum.Where(p => p.Value != 0).ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>Open steps per due date under the filters, from the count rows of a partition.</summary>
    public static SortedDictionary<DateOnly, int> PerDate(IEnumerable<(string CountKey, IReadOnlyDictionary<string, int> Counts)> rows, IReadOnlyDictionary<string, string> equals)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(equals);
        if (equals.Keys.FirstOrDefault(c => !Columns.Contains(c)) is { } uncounted)
        {
            // Counted by kind, team and assignee only: a filter on anything else would be ignored, and the count wrong.
            throw new ArgumentException($"The worklist's counts are not kept by '{uncounted}'.", nameof(equals));
        }

        var perDate = new SortedDictionary<DateOnly, int>();
        foreach (var (countKey, counts) in rows)
        {
            var n = counts.Where(c => Matches(c.Key, equals)).Sum(c => c.Value);
            if (n != 0)
            {
                var date = DateOf(countKey);
                perDate[date] = perDate.GetValueOrDefault(date) + n;
            }
        }

        return perDate;
    }
}
