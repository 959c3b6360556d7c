using System.ComponentModel.DataAnnotations;

namespace Workflows.Runtime;

/// <summary>
/// The local host's task hub on Azure Storage (section <c>DurableTask</c>; README "Configuration"). Defaults are
/// chosen from the benchmarks (tests/Workflows.Benchmarks): one partition polled at least every second reaches
/// second-level event and timer latency at about 135 idle storage requests a minute; Durable Task's own defaults
/// (4 partitions, 30 s, 5 min) cost 42 a minute but let an event wait up to 30 s.
/// </summary>
public sealed class DurableTaskOptions
{
    public const string Section = "DurableTask";

    /// <summary>Names the task hub's queues, tables and blob container (3-45 letters and digits, starting with a letter).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHubName { get; set; } = "workflows";

    /// <summary>Control-queue partitions (1-16): how many hosts can share the orchestrations; each costs idle polling.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 1;

    /// <summary>The longest a queue waits between polls when idle: bounds the latency of an event after a quiet spell.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a control message read by a host that then died stays invisible (ARCHITECTURE §4: 10-30 s).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The same for activity messages.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Control messages a host holds in memory before it reads more (DTFx default 64); at the limit its reader pauses a
    /// second, so this bounds a burst's pace: measured here, 500 co-due timers fired within 30 s at 32, within 8 s at 128.
    /// Each held message's visibility timeout runs while it waits.
    /// </summary>
    [Range(1, 1000)]
    public int ControlQueueBufferThreshold { get; set; } = 128;

    /// <summary>How long a read or write of the partition table may take before DTFx retries it (DTFx default 2 s; Azurite under load is slower).</summary>
    public TimeSpan PartitionTableOperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Orchestration episodes one host runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 32;

    /// <summary>Activities one host runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>Longer timers are split (Azure Queue refuses a visibility delay of 7 days or more).</summary>
    public TimeSpan MaximumTimerInterval { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a host's partition lease lasts; a dead host's partitions move after it (DTFx default 30 s).</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether this host runs the worker (false: client only, e.g. a process that only serves HTTP).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Every setting within its bounds; the messages name the setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxQueuePollingInterval <= TimeSpan.Zero || MaxQueuePollingInterval > TimeSpan.FromMinutes(1))
        {
            yield return "DurableTask:MaxQueuePollingInterval must be above 0 and at most 1 minute.";
        }

        if (ControlQueueVisibilityTimeout < TimeSpan.FromSeconds(5) || ControlQueueVisibilityTimeout > TimeSpan.FromMinutes(10))
        {
            yield return "DurableTask:ControlQueueVisibilityTimeout must be 5 s to 10 min (10-30 s recovers fastest from a crash).";
        }

        if (WorkItemQueueVisibilityTimeout < TimeSpan.FromSeconds(5) || WorkItemQueueVisibilityTimeout > TimeSpan.FromMinutes(10))
        {
            yield return "DurableTask:WorkItemQueueVisibilityTimeout must be 5 s to 10 min.";
        }

        if (MaximumTimerInterval <= TimeSpan.Zero || MaximumTimerInterval >= TimeSpan.FromDays(7))
        {
            yield return "DurableTask:MaximumTimerInterval must be above 0 and under 7 days (Azure Queue's visibility limit).";
        }

        if (PartitionTableOperationTimeout < TimeSpan.FromSeconds(1) || PartitionTableOperationTimeout > TimeSpan.FromMinutes(1))
        {
            yield return "DurableTask:PartitionTableOperationTimeout must be 1 s to 1 min.";
        }

        if (LeaseInterval < TimeSpan.FromSeconds(15) || LeaseInterval > TimeSpan.FromMinutes(5))
        {
            yield return "DurableTask:LeaseInterval must be 15 s to 5 min.";
        }
    }
}
