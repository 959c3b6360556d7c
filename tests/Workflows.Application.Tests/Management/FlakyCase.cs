using System.Collections.Concurrent;
using Workflows.Domain.Decisions;

namespace Workflows.Application.Tests.Management;

/// <summary>Start input of <see cref="FlakyCase"/>: the municipality the case belongs to.</summary>
public sealed record FlakyInput(string Municipality);

/// <summary>Every external event the case applied, in order.</summary>
public sealed record FlakyState(IReadOnlyList<string> Events);

/// <summary>
/// A case kind for the management API's retry: it records each event's name, and "throw" throws while
/// <see cref="Faults"/> says so for the instance (a defect the operator then fixes), which fails the case.
/// </summary>
public sealed class FlakyCase : CaseDefinition<FlakyInput, FlakyState>
{
    public const string TypeName = "flaky";

    public static ConcurrentDictionary<string, bool> Faults { get; } = new();

    public override string Type => TypeName;

    public override int Version => 1;

    protected override FlakyState Start(FlakyInput input, DecisionContext context)
    {
        context.SetScope(input.Municipality);
        context.SetCustomStatus(new { events = 0 });
        return new FlakyState([]);
    }

    protected override FlakyState Handle(FlakyState state, DecisionEvent @event, DecisionContext context)
    {
        if (@event.Kind != EventKind.External)
        {
            return state;
        }

        if (@event.Name == "throw" && Faults.GetValueOrDefault(context.InstanceId))
        {
            throw new InvalidOperationException("injected fault");
        }

        context.SetCustomStatus(new { events = state.Events.Count + 1 });
        return state with { Events = [.. state.Events, @event.Name] };
    }
}
