using System.Diagnostics.Metrics;

namespace Workflows.Orchestrations.Telemetry;

/// <summary>
/// What the cases do, as metrics (meter <see cref="MeterName"/>): events applied, timers fired and how late. Tags are
/// the case kind only, never a case id or anything about a person. The orchestrator records an episode's facts once,
/// when it is not replaying them.
/// </summary>
public static class CaseMetrics
{
    public const string MeterName = "Workflows.Cases";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> EventsApplied = Meter.CreateCounter<long>(
        "workflows.case.events_applied", "{event}", "Events cases applied (a redelivered event counts once).");

    private static readonly Counter<long> TimersFired = Meter.CreateCounter<long>(
        "workflows.case.timers_fired", "{timer}", "Timers that fired in cases.");

    private static readonly Histogram<double> TimerLateness = Meter.CreateHistogram<double>(
        "workflows.case.timer_lateness", "s", "How long after its due time a timer was applied (business time).");

    public static void EventApplied(string caseKind) => EventsApplied.Add(1, Kind(caseKind));

    public static void TimerFired(string caseKind, TimeSpan lateness)
    {
        TimersFired.Add(1, Kind(caseKind));
        TimerLateness.Record(Math.Max(0, lateness.TotalSeconds), Kind(caseKind));
    }

    private static KeyValuePair<string, object?> Kind(string caseKind) => new("case.kind", caseKind);
}
