using System.Security.Claims;
using Workflows.Application.Auth;

namespace Workflows.Application.Pages;

/// <summary>The signed-in user of the pages: a <see cref="Auth.Caller"/> (the same one the API authorises) and a display name.</summary>
internal static class PageUser
{
    /// <summary>The display name claim (a staff id or a corporation user's name; never a resident's data).</summary>
    public const string NameClaim = "wf:name";

    public static ClaimsPrincipal Principal(Caller caller, string displayName)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var claims = caller.ToClaims().Append(new Claim(NameClaim, displayName));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.Cookie, NameClaim, Caller.RoleClaim));
    }

    public static string? NameOf(ClaimsPrincipal principal) => principal.FindFirstValue(NameClaim) ?? principal.FindFirstValue(Caller.IdClaim);
}
