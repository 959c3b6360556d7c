using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Cases;

namespace Workflows.Orchestrations.Tests.Cases;

/// <summary>The index part of a transition, pure: only rows that changed are written.</summary>
public sealed class IndexDeltaTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_start_inserts_each_row_once_even_when_declared_twice_and_the_same_rows_again_write_nothing()
    {
        var definition = new RowsDefinition();
        var (carry, start) = CaseTransition.Start(definition, "c-1", DomainJson.ToElement("a,b,a"), Now, TimeSpan.Zero, false, "test");

        Assert.Equal(["a", "b"], start.Publish!.Put.Select(p => p.Key));
        Assert.Equal(["a", "b"], start.Publish.Fresh.Select(k => k.Key));
        Assert.Equal(2, carry.IndexKeys.Count);

        var same = CaseTransition.Apply(definition, "c-1", carry, new DecisionEvent(EventKind.External, "b,a", "e1", null, "test"), Now)!.Value;
        Assert.Empty(same.Effects.Publish!.Put);
        Assert.Empty(same.Effects.Publish.Remove);

        var changed = CaseTransition.Apply(definition, "c-1", same.Carry, new DecisionEvent(EventKind.External, "a!,c", "e2", null, "test"), Now)!.Value;
        Assert.Equal(["a", "c"], changed.Effects.Publish!.Put.Select(p => p.Key));
        Assert.Equal(["c"], changed.Effects.Publish.Fresh.Select(k => k.Key));
        Assert.Equal(["b"], changed.Effects.Publish.Remove.Select(k => k.Key));
    }

    /// <summary>Declares the comma-separated rows it is given (start input or event name); "x!" marks row x urgent.</summary>
    private sealed class RowsDefinition : CaseDefinition<string, string>
    {
        public override string Type => "rows";

        public override int Version => 1;

        protected override string Start(string input, DecisionContext context) => Declare(input, context);

        protected override string Handle(string state, DecisionEvent @event, DecisionContext context) => Declare(@event.Name, context);

        private static string Declare(string rows, DecisionContext context)
        {
            context.SetIndex(rows.Split(',').Select(r => new IndexEntry(
                "p", r.TrimEnd('!'), new Dictionary<string, string> { ["Urgent"] = r.EndsWith('!') ? "yes" : "no" })));
            return rows;
        }
    }
}
