using System.ComponentModel.DataAnnotations;

namespace Workflows.Application.Signals;

/// <summary>Limits of signal intake. Section "Signals".</summary>
internal sealed class SignalsOptions
{
    public const string Section = "Signals";

    /// <summary>Most signals in one batch (JSON elements or CSV rows); more answers 413 and nothing is stored.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSignals { get; set; } = 10_000;

    /// <summary>Largest batch body; the route's own limit, above <c>Api:MaxRequestBodySize</c>.</summary>
    [Range(1, 1L << 32)]
    public long MaxBatchBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Signals of one batch started at once; rows of one household still go one after another.</summary>
    [Range(1, 128)]
    public int BatchConcurrency { get; set; } = 16;
}
