using Workflows.Engine.Abstractions;

namespace Workflows.Engine.Runtime;

/// <summary>The definitions and activities this host can run, by name.</summary>
public sealed class OrchestrationRegistry
{
    private readonly Dictionary<string, IOrchestrationDefinition> _definitions;
    private readonly Dictionary<string, IActivityHandler> _activities;

    public OrchestrationRegistry(IEnumerable<IOrchestrationDefinition> definitions, IEnumerable<IActivityHandler> activities)
    {
        _definitions = definitions.ToDictionary(d => d.Type, StringComparer.Ordinal);
        _activities = activities.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public IOrchestrationDefinition Definition(string type) =>
        _definitions.TryGetValue(type, out var definition)
            ? definition
            : throw new InvalidOperationException($"No orchestration definition of type '{type}' is registered.");

    public bool HasDefinition(string type) => _definitions.ContainsKey(type);

    public IActivityHandler? Activity(string name) => _activities.GetValueOrDefault(name);
}
