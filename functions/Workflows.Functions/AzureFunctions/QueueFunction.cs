using Workflows.Engine;

namespace Workflows.Functions.AzureFunctions;

/// <summary>
/// A queue-triggered function: its folder name (<see cref="Name"/>, the invocation path), the engine queue
/// it consumes, and the app setting that holds that queue's name in its function.json (<c>%Setting%</c>).
/// </summary>
internal sealed record QueueFunction(string Name, EngineQueue Queue, string QueueNameSetting)
{
    /// <summary>The trigger binding's name in every function.json: the key of the message in the invocation's Data.</summary>
    public const string BindingName = "message";

    /// <summary>Identity-based connection prefix: the host reads <c>Storage__queueServiceUri</c>.</summary>
    public const string Connection = "Storage";

    /// <summary>One per queue the loops consume; each has a folder <c>AzureFunctions/{Name}/function.json</c>.</summary>
    public static IReadOnlyList<QueueFunction> All { get; } =
    [
        new("EngineWork", EngineQueue.Work, "EngineWorkQueue"),
        new("EngineTimers", EngineQueue.Timers, "EngineTimerQueue"),
        new("EngineActivities", EngineQueue.Activities, "EngineActivityQueue"),
    ];
}
