namespace Workflows.Engine.Runtime;

/// <summary>The step boundaries where a test may kill processing.</summary>
internal enum FaultPoint
{
    BeforeCommit,
    AfterCommitBeforeDispatch,
    AfterDispatchBeforeDelete,
    DuringActivity,
}

/// <summary>
/// Test-only seam: when <see cref="Decide"/> says so, processing stops dead at that point, as if the
/// process died (the message is neither deleted nor released; it reappears after its visibility timeout).
/// </summary>
internal sealed class FaultInjector
{
    public Func<FaultPoint, string, bool>? Decide { get; set; }

    public void At(FaultPoint point, string instanceId)
    {
        if (Decide?.Invoke(point, instanceId) == true)
        {
            throw new SimulatedCrashException(point);
        }
    }
}

/// <summary>Thrown by <see cref="FaultInjector"/>; handlers let it pass untouched, like a crash.</summary>
internal sealed class SimulatedCrashException(FaultPoint point) : Exception($"Simulated crash at {point}.")
{
    public FaultPoint Point { get; } = point;
}
