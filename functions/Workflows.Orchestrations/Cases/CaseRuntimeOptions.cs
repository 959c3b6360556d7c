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
    public int ActivityMaxAttempts { get; set; } = 20;

    /// <summary>First retry delay; each next one doubles, up to <see cref="ActivityMaxRetryInterval"/>.</summary>
    public TimeSpan ActivityFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <remarks>With the defaults (20 attempts, 5 s doubling to 30 min) an activity keeps trying for about six hours: a mail provider's outage of hours loses nothing.</remarks>
    public TimeSpan ActivityMaxRetryInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a message that overtook an earlier one of its sender waits for it (a message read by a host that died
    /// comes back after the control queue's visibility timeout, after later ones): longer than that timeout.
    /// </summary>
    public TimeSpan OrderHoldTime { get; set; } = TimeSpan.FromSeconds(45);
}
