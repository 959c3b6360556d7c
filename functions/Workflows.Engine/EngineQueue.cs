namespace Workflows.Engine;

/// <summary>The queues the engine consumes; a trigger names the one it delivers from.</summary>
public enum EngineQueue
{
    /// <summary>Starts, events, activity results, terminations and retries.</summary>
    Work,

    /// <summary>Wake-up messages, one per instance with timers (queue timer mode): early ones are re-armed, due ones fire the earliest timer.</summary>
    Timers,

    /// <summary>Activities (emails) to run after their transition committed.</summary>
    Activities,
}
