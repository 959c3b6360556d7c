using System.Text.Json;

namespace Workflows.Engine.Abstractions;

/// <summary>
/// A deterministic state machine: <c>(state, event, now) → (state, effects)</c>. State is data, so
/// newer code continues instances that older code started (no replay).
/// </summary>
public interface IOrchestrationDefinition
{
    /// <summary>Stable type name, e.g. "signal".</summary>
    string Type { get; }

    /// <summary>Current version of this definition; recorded on every instance it writes.</summary>
    int Version { get; }

    /// <summary>Creates the first state from the start input.</summary>
    string Start(JsonElement input, OrchestrationContext context);

    /// <summary>Applies one event to the state written by <see cref="OrchestrationContext.StateVersion"/>.</summary>
    string Handle(string state, OrchestrationEvent @event, OrchestrationContext context);
}

/// <summary>Typed base: serialises input and state with <see cref="EngineJson"/>.</summary>
public abstract class OrchestrationDefinition<TInput, TState> : IOrchestrationDefinition
    where TState : class
{
    /// <inheritdoc />
    public abstract string Type { get; }

    /// <inheritdoc />
    public abstract int Version { get; }

    /// <summary>The first state.</summary>
    protected abstract TState Start(TInput input, OrchestrationContext context);

    /// <summary>The next state.</summary>
    protected abstract TState Handle(TState state, OrchestrationEvent @event, OrchestrationContext context);

    /// <summary>Reads state written by <paramref name="version"/>; override to migrate older shapes.</summary>
    protected virtual TState Load(JsonElement state, int version) =>
        state.Deserialize<TState>(EngineJson.Options) ?? throw new InvalidOperationException($"State of {Type} is empty.");

    string IOrchestrationDefinition.Start(JsonElement input, OrchestrationContext context)
    {
        var typed = input.Deserialize<TInput>(EngineJson.Options) ?? throw new InvalidOperationException($"Input of {Type} is empty.");
        return JsonSerializer.Serialize(Start(typed, context), EngineJson.Options);
    }

    string IOrchestrationDefinition.Handle(string state, OrchestrationEvent @event, OrchestrationContext context)
    {
        using var document = JsonDocument.Parse(state);
        var loaded = Load(document.RootElement, context.StateVersion);
        return JsonSerializer.Serialize(Handle(loaded, @event, context), EngineJson.Options);
    }
}
