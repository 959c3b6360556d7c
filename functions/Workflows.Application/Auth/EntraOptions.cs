namespace Workflows.Application.Auth;

/// <summary>
/// Microsoft Entra ID for staff bearer tokens and the pages' sign-in. Section <c>Auth:Entra</c>. Leave <see cref="TenantId"/> and
/// <see cref="Audience"/> unset (the Development default) and the bearer scheme is not registered at all.
/// </summary>
public sealed class EntraOptions
{
    public const string Section = "Auth:Entra";

    /// <summary>The login instance; the authority is <c>{Instance}/{TenantId}/v2.0</c>.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>The directory (tenant) id of the municipality's Entra ID.</summary>
    public string? TenantId { get; set; }

    /// <summary>The API's application id URI or client id, as it appears in a token's <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The pages' app registration (client id) for sign-in with OpenID Connect; with a client secret or
    /// certificate in <c>ClientCredentials</c> (Microsoft.Identity.Web reads this same section). Unset: no Entra sign-in.
    /// </summary>
    public string? ClientId { get; set; }

    public bool IsSignInConfigured => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(Audience);

    public string Authority => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";
}
