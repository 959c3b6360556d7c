namespace Workflows.Engine;

/// <summary>The queues the engine consumes; a trigger names the one it delivers from.</summary>
public enum EngineQueue
{
    /// <summary>Starts, events, activity results, terminations and retries.</summary>
    Work,

    /// <summary>Timer messages (queue timer mode): early ones are re-armed, due ones applied.</summary>
    Timers,

    /// <summary>Activities (emails) to run after their transition committed.</summary>
    Activities,
}
