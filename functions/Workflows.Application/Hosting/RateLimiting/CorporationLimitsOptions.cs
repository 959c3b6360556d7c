using System.ComponentModel.DataAnnotations;

namespace Workflows.Application.Hosting.RateLimiting;

/// <summary>
/// What one corporation may ask of the API (OWASP API4, unrestricted resource consumption). Section
/// "Api:CorporationLimits". The defaults are far above what a corporation's integration needs (its nightly batch is
/// one request), so only a runaway client meets them.
/// </summary>
internal sealed class CorporationLimitsOptions
{
    public const string Section = "Api:CorporationLimits";

    /// <summary>Requests a corporation may make per <see cref="Period"/>, on average (a token bucket refilled by this much).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerPeriod { get; set; } = 20;

    /// <summary>How often the bucket is refilled by <see cref="RequestsPerPeriod"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests a corporation may make at once after a quiet spell (the bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;

    /// <summary>Batches (JSON or CSV) a corporation may have in progress at once; one more answers 429.</summary>
    [Range(1, 100)]
    public int ConcurrentBatches { get; set; } = 1;

    /// <summary>The <c>Retry-After</c> of a batch refused because another is in progress (its end cannot be known).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BatchRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
