namespace Workflows.Domain.Signals;

/// <summary>Payload of staff events and corporation updates (validated at the API edge).</summary>
public sealed record SignalEventPayload
{
    public string? Assignee { get; init; }
    public ContactChannel? Channel { get; init; }
    public bool? Reached { get; init; }
    public SignalOutcome? Outcome { get; init; }
    public string? Note { get; init; }
    public string? Step { get; init; }
    public DateOnly? Date { get; init; }
    public string? Reason { get; init; }
    public DateOnly? EvictionDate { get; init; }
    public Arrears? Arrears { get; init; }
    public AbsorbedSignal? Signal { get; init; }
}
