using Workflows.Domain.Cases;

namespace Workflows.Domain.Tests.Cases;

public sealed class WorklistTallyTests
{
    [Fact]
    public void A_row_is_counted_under_its_due_date_in_one_of_a_few_count_rows()
    {
        var key = WorklistTally.CountKey("2026-11-02|sig-000123|first-contact", 7);

        Assert.Equal("~count|2026-11-02|07", key);
        Assert.Equal(new DateOnly(2026, 11, 2), WorklistTally.DateOf(key));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorklistTally.CountKey("2026-11-02|x|y", WorklistTally.Shards));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorklistTally.CountKey("2026-11-02|x|y", -1));
    }

    [Fact]
    public void Count_rows_sort_after_every_worklist_row_and_before_the_marker()
    {
        var countKey = WorklistTally.CountKey("9999-12-31|sig-1|s", WorklistTally.Shards - 1);

        Assert.True(string.CompareOrdinal("9999-12-31|sig-1|s", WorklistTally.TallyFromKey) < 0);
        Assert.True(string.CompareOrdinal(WorklistTally.TallyFromKey, countKey) <= 0);
        Assert.True(string.CompareOrdinal(countKey, WorklistTally.CompleteKey) < 0);
        Assert.True(WorklistTally.IsCounted(Worklist.Partition("GM0479")));
        Assert.False(WorklistTally.IsCounted("household|GM0479"));
    }

    [Fact]
    public void Moving_a_row_between_buckets_keeps_the_total_and_drops_empty_buckets()
    {
        var counts = new Dictionary<string, int> { ["signal|team-a|"] = 2, ["signal|team-a|ann"] = 1 };

        var assigned = WorklistTally.Apply(counts, "signal|team-a|", "signal|team-a|bob");
        var removed = WorklistTally.Apply(assigned, "signal|team-a|ann", null);

        Assert.Equal(new Dictionary<string, int> { ["signal|team-a|"] = 1, ["signal|team-a|ann"] = 1, ["signal|team-a|bob"] = 1 }, assigned);
        Assert.Equal(new Dictionary<string, int> { ["signal|team-a|"] = 1, ["signal|team-a|bob"] = 1 }, removed);
        Assert.Equal(2, counts["signal|team-a|"]); // the map read is not changed
    }

    [Fact]
    public void Folding_a_dates_count_rows_adds_them_up_and_drops_what_cancels()
    {
        var folded = WorklistTally.Sum([
            new Dictionary<string, int> { ["signal|a|"] = 3, ["signal|a|ann"] = 1 },
            new Dictionary<string, int> { ["signal|a|ann"] = -1, ["trajectory|b|"] = 2 },
            new Dictionary<string, int> { ["signal|a|"] = -1 }]);

        Assert.Equal(new Dictionary<string, int> { ["signal|a|"] = 2, ["trajectory|b|"] = 2 }, folded);
    }

    [Fact]
    public void Per_date_counts_follow_the_filters_on_kind_team_and_assignee()
    {
        var bucket = WorklistTally.Bucket(new Dictionary<string, string> { ["Kind"] = "trajectory", ["Team"] = "nazorg", ["Assignee"] = "ann", ["Label"] = "Intake" });
        Assert.Equal("trajectory|nazorg|ann", bucket);
        (string, IReadOnlyDictionary<string, int>)[] rows =
        [
            ("~count|2026-11-02|00", new Dictionary<string, int> { ["trajectory|nazorg|ann"] = 3, ["signal|schuld|"] = 4 }),
            // A removal counted on another row than the add: the date's sum is what counts.
            ("~count|2026-11-02|03", new Dictionary<string, int> { ["trajectory|nazorg|ann"] = 2, ["signal|schuld|"] = -1 }),
            ("~count|2026-11-05|01", new Dictionary<string, int> { ["signal|schuld|ann"] = 2 }),
        ];

        Assert.Equal(new SortedDictionary<DateOnly, int> { [new(2026, 11, 2)] = 8, [new(2026, 11, 5)] = 2 }, WorklistTally.PerDate(rows, new Dictionary<string, string>()));
        Assert.Equal(new SortedDictionary<DateOnly, int> { [new(2026, 11, 2)] = 3 }, WorklistTally.PerDate(rows, new Dictionary<string, string> { ["Kind"] = "signal", ["Team"] = "schuld", ["Assignee"] = "" }));
        Assert.Equal(new SortedDictionary<DateOnly, int> { [new(2026, 11, 2)] = 5, [new(2026, 11, 5)] = 2 }, WorklistTally.PerDate(rows, new Dictionary<string, string> { ["Assignee"] = "ann" }));
        Assert.Equal(new SortedDictionary<DateOnly, int> { [new(2026, 11, 5)] = 2 }, WorklistTally.PerDate(rows, new Dictionary<string, string> { ["Assignee"] = "ann", ["Kind"] = "signal" }));
        Assert.Empty(WorklistTally.PerDate(rows, new Dictionary<string, string> { ["Team"] = "other" }));
        Assert.Throws<ArgumentException>(() => WorklistTally.PerDate(rows, new Dictionary<string, string> { ["Step"] = "intake" }));
    }
}
