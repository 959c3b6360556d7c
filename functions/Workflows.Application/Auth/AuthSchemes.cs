namespace Workflows.Application.Auth;

/// <summary>Authentication scheme names.</summary>
public static class AuthSchemes
{
    /// <summary><c>X-Api-Key</c>: corporations everywhere, seeded staff in Development.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>Microsoft Entra ID bearer tokens for staff; registered only when <c>Auth:Entra</c> is configured.</summary>
    public const string Bearer = "Bearer";

    /// <summary>The default: picks <see cref="Bearer"/> for an <c>Authorization: Bearer</c> header, else <see cref="ApiKey"/>.</summary>
    public const string Default = "ApiKeyOrBearer";
}
