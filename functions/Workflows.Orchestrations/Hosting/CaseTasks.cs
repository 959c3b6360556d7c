using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Storage;

namespace Workflows.Orchestrations.Hosting;

/// <summary>
/// Every orchestrator and activity the cases need, by task name: one <see cref="CaseOrchestrator"/> per case kind,
/// the projection and cross-case event activities, and one <see cref="HandlerActivity"/> per application handler.
/// Both hosts run exactly this set: the local host registers it with DTFx's worker, the Functions app's one-line
/// wrappers call into it, so neither host can run a task the other does not know.
/// </summary>
public sealed class CaseTasks
{
    private readonly Dictionary<string, Func<ITaskOrchestrator>> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<ITaskActivity>> _activities = new(StringComparer.Ordinal);

    /// <param name="client">What <see cref="SendCaseEventActivity"/> raises events with.</param>
    /// <param name="stopping">Cancelled when the host stops: activities in hand give up their I/O.</param>
    public CaseTasks(
        IEnumerable<ICaseDefinition> definitions,
        IEnumerable<IActivityHandler> handlers,
        CaseRuntimeOptions options,
        CaseTables tables,
        DurableTaskClient client,
        CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(handlers);
        foreach (var definition in definitions)
        {
            var orchestrator = new CaseOrchestrator(definition, options);
            Add(_orchestrators, definition.Type, () => orchestrator);
        }

        var index = new IndexStore(tables);
        var history = new HistoryStore(tables);
        Add(_activities, PublishCaseActivity.Name, () => new PublishCaseActivity(index, history, stopping));
        Add(_activities, SendCaseEventActivity.Name, () => new SendCaseEventActivity(client, stopping));
        foreach (var handler in handlers)
        {
            Add(_activities, handler.Name, () => new HandlerActivity(handler, stopping));
        }
    }

    /// <summary>Orchestrator names (the case kinds), each with a factory.</summary>
    public IReadOnlyDictionary<string, Func<ITaskOrchestrator>> Orchestrators => _orchestrators;

    /// <summary>Activity names, each with a factory.</summary>
    public IReadOnlyDictionary<string, Func<ITaskActivity>> Activities => _activities;

    /// <summary>Runs one episode of the named orchestrator (the Functions app's orchestration triggers).</summary>
    public async Task<string?> RunOrchestratorAsync(string name, TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Every case kind runs the one generic orchestrator, whose input is the case carried between generations.
        return (string?)await Find(_orchestrators, name, "orchestrator")().RunAsync(context, context.GetInput<CaseCarry>());
    }

    /// <summary>Runs the named activity once (the Functions app's activity triggers).</summary>
    public async Task<object?> RunActivityAsync(string name, TaskActivityContext context, ActivityCall input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await Find(_activities, name, "activity")().RunAsync(context, input);
    }

    private static T Find<T>(Dictionary<string, T> tasks, string name, string what) =>
        tasks.TryGetValue(name, out var task) ? task : throw new InvalidOperationException($"No {what} named '{name}' is registered.");

    private static void Add<T>(Dictionary<string, T> tasks, string name, T factory)
    {
        if (!tasks.TryAdd(name, factory))
        {
            throw new InvalidOperationException($"Two tasks are named '{name}'.");
        }
    }
}
