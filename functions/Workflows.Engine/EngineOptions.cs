using System.ComponentModel.DataAnnotations;

namespace Workflows.Engine;

/// <summary>How timers are delivered.</summary>
public enum TimerMode
{
    /// <summary>Queue messages with visibility delays, re-armed in hops under the 7-day limit (production).</summary>
    Queue,

    /// <summary>A due-time index table swept on the engine clock; for a virtual clock (tests, demo), where queue visibility (real time) cannot follow.</summary>
    Indexed,
}

/// <summary>Settings of the durable engine. Section "Engine" in configuration.</summary>
public sealed class EngineOptions
{
    /// <summary>Prefix of every table and queue name: lowercase letters and digits, starting with a letter.</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,14}$")]
    public string Prefix { get; set; } = "wf";

    /// <summary>How long a received message stays invisible while it is processed.</summary>
    public TimeSpan MessageVisibility { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Deliveries of one work message before it goes to the poison queue.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>First back-off after a failed delivery; doubles per attempt (queue visibility has one-second granularity).</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest back-off between deliveries.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts of one activity (an email) before it is given up; with the back-off this spans hours of provider outage.</summary>
    [Range(1, 1000)]
    public int ActivityMaxAttempts { get; set; } = 60;

    /// <summary>Timer delivery mechanism.</summary>
    public TimerMode TimerMode { get; set; } = TimerMode.Queue;

    /// <summary>Longest single visibility delay of a wake-up message; Azure caps it at 7 days.</summary>
    public TimeSpan TimerMaxHop { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Polling interval right after work was found.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest idle polling interval of the work and activity queues (local wake-ups cover this host's own work).</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest idle polling interval of the timer queue or index; bounds how late a timer armed by another host fires.</summary>
    public TimeSpan MaxTimerPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages processed at once per loop.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Optimistic-concurrency retries of one transition before the message is left for redelivery.</summary>
    [Range(1, 1000)]
    public int MaxConflictRetries { get; set; } = 30;

    /// <summary>False in Azure (the Functions host triggers us); true for the embedded local host.</summary>
    public bool RunLoops { get; set; } = true;
}
