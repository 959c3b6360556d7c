namespace Workflows.Engine.Abstractions;

/// <summary>The lifecycle of an instance, in Durable Functions' vocabulary.</summary>
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
    /// <summary>Completed and Terminated instances take no more events; Failed ones wait for a retry.</summary>
    public static bool IsFinal(this RuntimeStatus status) =>
        status is RuntimeStatus.Completed or RuntimeStatus.Terminated;
}
