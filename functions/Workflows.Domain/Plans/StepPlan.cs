namespace Workflows.Domain.Plans;

/// <summary>A named, versioned list of step definitions: what one kind of case must do and when.</summary>
public sealed record StepPlan(string Name, int Version, IReadOnlyList<StepDefinition> Steps)
{
    public StepDefinition this[string key] =>
        Steps.FirstOrDefault(s => s.Key == key) ?? throw new KeyNotFoundException($"Plan {Name} has no step '{key}'.");

    public bool Has(string key) => Steps.Any(s => s.Key == key);

    /// <summary>
    /// Applies a municipality's overrides. [P] and [D] values are policy; an [L] term may be tightened
    /// (shortened) but never loosened (RULES, preamble).
    /// </summary>
    public StepPlan With(IReadOnlyDictionary<string, StepOverride>? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return this;
        }

        var unknown = overrides.Keys.FirstOrDefault(k => !Has(k));
        if (unknown is not null)
        {
            throw new PlanConfigurationException($"Plan {Name} has no step '{unknown}' to override.");
        }

        var steps = Steps.Select(step =>
        {
            if (!overrides.TryGetValue(step.Key, out var change))
            {
                return step;
            }

            // Earlier is tighter, both for "N after" (smaller N) and "N before" (more negative N).
            if (step.Source.Kind == SourceKind.Law && change.Due is { } due && (due.Unit != step.Due.Unit || due.Amount > step.Due.Amount))
            {
                throw new PlanConfigurationException($"Step '{step.Key}' of plan {Name} is statutory ({step.Source}); its term can be shortened, not lengthened or recounted.");
            }

            return step with
            {
                Due = change.Due ?? step.Due,
                RemindBefore = change.RemindBefore ?? step.RemindBefore,
            };
        }).ToList();
        return this with { Steps = steps };
    }
}

/// <summary>A municipality's change to one step's due term or reminder lead time.</summary>
public sealed record StepOverride(Term? Due = null, Term? RemindBefore = null);

/// <summary>Configuration that would break a rule (e.g. loosening a statutory term).</summary>
public sealed class PlanConfigurationException : Exception
{
    public PlanConfigurationException() { }

    public PlanConfigurationException(string message) : base(message) { }

    public PlanConfigurationException(string message, Exception inner) : base(message, inner) { }
}
