namespace Workflows.Orchestrations.Client;

/// <summary>How long a request waits for its change to show (API.md "When a change shows"), and how often it looks.</summary>
public sealed class CaseClientOptions
{
    public const string Section = "Cases:Client";

    /// <summary>An event answers 200 with the case once it shows within this time, otherwise 202.</summary>
    public TimeSpan EventWait { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}
