namespace Workflows.Orchestrations.Client;

/// <summary>The lifecycle of a case, in Durable Functions' vocabulary (Suspended also when the case itself is suspended, RULES §3).</summary>
public enum RuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    Suspended,
}

/// <summary>Helpers over <see cref="RuntimeStatus"/>.</summary>
public static class RuntimeStatusExtensions
{
    /// <summary>Completed and Terminated cases take no more events; Failed ones wait for an operator's retry.</summary>
    public static bool IsFinal(this RuntimeStatus status) =>
        status is RuntimeStatus.Completed or RuntimeStatus.Terminated;
}
