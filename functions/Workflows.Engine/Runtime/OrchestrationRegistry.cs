using Workflows.Engine.Abstractions;

namespace Workflows.Engine.Runtime;

/// <summary>The definitions and activities this host can run, by name.</summary>
public sealed class OrchestrationRegistry
{
    private readonly Dictionary<string, IOrchestrationDefinition> _definitions;
    private readonly Lazy<Dictionary<string, IActivityHandler>> _activities;

    public OrchestrationRegistry(IEnumerable<IOrchestrationDefinition> definitions, IEnumerable<IActivityHandler> activities)
        : this(definitions, () => activities)
    {
    }

    /// <summary>
    /// Activities resolved on first use: an activity may need the engine's own client (e.g. to purge), and the
    /// engine is built from this registry, so resolving them eagerly would be a dependency cycle.
    /// </summary>
    public OrchestrationRegistry(IEnumerable<IOrchestrationDefinition> definitions, Func<IEnumerable<IActivityHandler>> activities)
    {
        _definitions = definitions.ToDictionary(d => d.Type, StringComparer.Ordinal);
        _activities = new(() => activities().ToDictionary(a => a.Name, StringComparer.Ordinal), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IOrchestrationDefinition Definition(string type) =>
        _definitions.TryGetValue(type, out var definition)
            ? definition
            : throw new InvalidOperationException($"No orchestration definition of type '{type}' is registered.");

    public bool HasDefinition(string type) => _definitions.ContainsKey(type);

    public IActivityHandler? Activity(string name) => _activities.Value.GetValueOrDefault(name);
}
