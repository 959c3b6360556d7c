using System.ComponentModel.DataAnnotations;

namespace Workflows.Application.Hosting;

/// <summary>Limits of the HTTP API. Section "Api".</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body a route takes unless its endpoint metadata says otherwise; larger answers 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodySize { get; set; } = 10 * 1024 * 1024;
}
