using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Cases;

namespace Workflows.Orchestrations.Tests.Cases;

/// <summary>One episode's projection write is its transitions' changes in order, the later winning.</summary>
public sealed class PublishCaseTests
{
    private static IndexEntry Row(string key, string tag = "") => new("p", key, new Dictionary<string, string> { ["Tag"] = tag });

    private static IndexKey Key(string key) => new("p", key);

    [Fact]
    public void A_later_put_wins_a_later_remove_wins_and_untouched_rows_of_the_first_stay()
    {
        var first = new PublishCase("c", 5, [Row("a"), Row("b"), Row("c")], [Key("x"), Key("y")], []) { Fresh = [Key("a"), Key("b")] };
        var then = new PublishCase("c", 6, [Row("b", "urgent"), Row("x")], [Key("c")], []) { Fresh = [Key("x")] };

        var merged = first.Then(then);

        Assert.Equal(6, merged.Sequence);
        Assert.Equal([("a", ""), ("b", "urgent"), ("x", "")], merged.Put.Select(p => (p.Key, p.Properties["Tag"])));
        Assert.Equal(["y", "c"], merged.Remove.Select(k => k.Key));
        Assert.Equal(["a", "b", "x"], merged.Fresh.Select(k => k.Key));
    }

    [Fact]
    public void History_lines_of_both_are_kept_in_order()
    {
        var line5 = new HistoryEvent(5, DateTimeOffset.UnixEpoch, "event", "a", "test", null);
        var line6 = new HistoryEvent(6, DateTimeOffset.UnixEpoch, "event", "b", "test", null);

        var merged = new PublishCase("c", 5, [], [], [line5]).Then(new PublishCase("c", 6, [], [], [line6]));

        Assert.Equal([line5, line6], merged.History);
    }

    [Fact]
    public void A_fingerprint_follows_the_columns_not_their_order()
    {
        var one = new IndexEntry("p", "k", new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" });
        var same = new IndexEntry("p", "k", new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" });
        var other = new IndexEntry("p", "k", new Dictionary<string, string> { ["A"] = "1", ["B"] = "3" });
        var shifted = new IndexEntry("p", "k", new Dictionary<string, string> { ["A"] = "12" });

        Assert.Equal(IndexKey.FingerprintOf(one), IndexKey.FingerprintOf(same));
        Assert.NotEqual(IndexKey.FingerprintOf(one), IndexKey.FingerprintOf(other));
        Assert.NotEqual(IndexKey.FingerprintOf(new IndexEntry("p", "k", new Dictionary<string, string> { ["A"] = "1", ["2"] = "" })), IndexKey.FingerprintOf(shifted));
    }
}
