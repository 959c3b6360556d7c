using System.ComponentModel.DataAnnotations;

namespace Workflows.Application.Hosting;

/// <summary>Limits of the HTTP API. Section "Api".</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body a route takes unless its endpoint metadata says otherwise; larger answers 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodySize { get; set; } = 10 * 1024 * 1024;

    /// <summary>The <c>Retry-After</c> of a 503 when storage does not answer: long enough for a brief outage to pass.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StorageRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
