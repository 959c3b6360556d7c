using System.ComponentModel.DataAnnotations;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// What the OpenAPI document says about who runs the API (<c>info.contact</c>, <c>info.license</c>). Section "OpenApi";
/// a municipality that deploys the app sets its own contact. The defaults make the document complete as it is.
/// </summary>
internal sealed class OpenApiOptions
{
    public const string Section = "OpenApi";

    /// <summary>Who integrators ask; by default the municipality's application management, with no address until one is set.</summary>
    [Required]
    public string ContactName { get; set; } = "Functioneel beheer Workflows (gemeente)";

    [EmailAddress]
    public string? ContactEmail { get; set; }

    [Url]
    public string? ContactUrl { get; set; }

    [Required]
    public string LicenseName { get; set; } = "European Union Public Licence 1.2";

    /// <summary>An SPDX identifier (OpenAPI 3.1 <c>license.identifier</c>).</summary>
    [Required]
    public string LicenseIdentifier { get; set; } = "EUPL-1.2";
}
