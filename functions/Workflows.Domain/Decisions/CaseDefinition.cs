using System.Text.Json;

namespace Workflows.Domain.Decisions;

/// <summary>
/// A case kind as a deterministic state machine: <c>(state, event, now) → (state, commands)</c>. State is
/// data, so newer code continues cases that older code started (no replay of code).
/// </summary>
public interface ICaseDefinition
{
    /// <summary>Stable type name, e.g. "signal"; also the orchestration's name.</summary>
    string Type { get; }

    /// <summary>Current version of this definition; recorded on every state it writes.</summary>
    int Version { get; }

    /// <summary>Creates the first state from the start input.</summary>
    string Start(JsonElement input, DecisionContext context);

    /// <summary>Applies one event to the state written by <see cref="DecisionContext.StateVersion"/>.</summary>
    string Handle(string state, DecisionEvent @event, DecisionContext context);
}

/// <summary>Typed base: serialises input and state with <see cref="DomainJson"/>.</summary>
public abstract class CaseDefinition<TInput, TState> : ICaseDefinition
    where TState : class
{
    /// <inheritdoc />
    public abstract string Type { get; }

    /// <inheritdoc />
    public abstract int Version { get; }

    /// <summary>The first state.</summary>
    protected abstract TState Start(TInput input, DecisionContext context);

    /// <summary>The next state.</summary>
    protected abstract TState Handle(TState state, DecisionEvent @event, DecisionContext context);

    /// <summary>Reads state written by <paramref name="version"/>; override to migrate older shapes.</summary>
    protected virtual TState Load(JsonElement state, int version) =>
        state.Deserialize<TState>(DomainJson.Options) ?? throw new InvalidOperationException($"State of {Type} is empty.");

    string ICaseDefinition.Start(JsonElement input, DecisionContext context)
    {
        var typed = input.Deserialize<TInput>(DomainJson.Options) ?? throw new InvalidOperationException($"Input of {Type} is empty.");
        return JsonSerializer.Serialize(Start(typed, context), DomainJson.Options);
    }

    string ICaseDefinition.Handle(string state, DecisionEvent @event, DecisionContext context)
    {
        using var document = JsonDocument.Parse(state);
        var loaded = Load(document.RootElement, context.StateVersion);
        return JsonSerializer.Serialize(Handle(loaded, @event, context), DomainJson.Options);
    }
}
