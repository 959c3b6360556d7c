namespace Workflows.Orchestrations.Cases;

/// <summary>
/// A case's decision threw: the orchestration ends Failed with this message, which names the case kind, the
/// transition and the event, never personal data (the original exception's message may hold some, so it is not kept).
/// </summary>
public sealed class CaseFaultedException : Exception
{
    public CaseFaultedException() : this("The case faulted.") { }

    public CaseFaultedException(string message) : base(message) { }

    public CaseFaultedException(string message, Exception inner) : base(message, inner) { }
}
