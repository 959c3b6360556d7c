namespace Workflows.Application.Auth;

/// <summary>Authentication scheme names.</summary>
public static class AuthSchemes
{
    /// <summary><c>X-Api-Key</c>: corporations everywhere, seeded staff in Development.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>Microsoft Entra ID bearer tokens for staff; registered only when <c>Auth:Entra</c> is configured.</summary>
    public const string Bearer = "Bearer";

    /// <summary>The pages' session cookie (PAGES.md); never accepted by the API, so no cross-site request can use it there.</summary>
    public const string Cookie = "Cookies";

    /// <summary>Sign-in to the pages through Entra ID; registered always, usable when <c>Auth:Entra:ClientId</c> is set.</summary>
    public const string OpenIdConnect = "OpenIdConnect";

    /// <summary>The default: picks <see cref="Bearer"/> for an <c>Authorization: Bearer</c> header, else <see cref="ApiKey"/>.</summary>
    public const string Default = "ApiKeyOrBearer";
}
