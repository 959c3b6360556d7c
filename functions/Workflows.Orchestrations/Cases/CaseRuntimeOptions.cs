using System.ComponentModel.DataAnnotations;

namespace Workflows.Orchestrations.Cases;

/// <summary>How case orchestrations pace themselves; the same in every host (section <c>Cases</c>).</summary>
public sealed class CaseRuntimeOptions
{
    public const string Section = "Cases";

    /// <summary>Transitions per generation before <c>ContinueAsNew</c> (only when nothing is pending), keeping replay history small.</summary>
    [Range(1, 1000)]
    public int ContinueAsNewAfter { get; set; } = 25;

    /// <summary>Attempts of an activity before it counts as failed (ARCHITECTURE §5.4).</summary>
    [Range(1, 100)]
    public int ActivityMaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; each next one doubles, up to <see cref="ActivityMaxRetryInterval"/>.</summary>
    public TimeSpan ActivityFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ActivityMaxRetryInterval { get; set; } = TimeSpan.FromMinutes(10);
}
