using Workflows.Domain.Calendar;
using Workflows.Domain.Decisions;

namespace Workflows.Domain.Plans;

/// <summary>What step bookkeeping needs from the transition: the engine's context (clock, timers) and the calendar.</summary>
public sealed record StepContext(DecisionContext Orchestration, WorkingDayCalendar Calendar)
{
    public DateTimeOffset Now => Orchestration.Now;

    public DateOnly Today => DutchTime.Today(Orchestration.Now);
}
