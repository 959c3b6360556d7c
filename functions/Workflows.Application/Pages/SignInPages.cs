using Microsoft.AspNetCore.Authentication;
using Workflows.Application.Auth;
using Workflows.Application.Seeding;

namespace Workflows.Application.Pages;

/// <summary>
/// <c>/</c>, <c>/sign-in</c>, <c>/sign-out</c> (PAGES.md). Production: staff and corporation guests through Microsoft
/// Entra ID (OpenID Connect). Development only: the seeded users, one button each, no password.
/// </summary>
internal static class SignInPages
{
    public static async Task<IResult> HomeAsync(HttpContext http)
    {
        var caller = await SignedInAsync(http);
        return PageResults.SeeOther(caller switch
        {
            null => "/sign-in",
            { Kind: CallerKind.Corporation } => "/corporation",
            { IsAdmin: true } => "/admin/access-log",
            _ => "/worklist",
        });
    }

    public static async Task<IResult> FormAsync(HttpContext http, string? returnUrl)
    {
        await SignedInAsync(http);
        var chrome = PageResults.Chrome(http, "Aanmelden");
        return PageResults.Page<Components.SignInPage>(new Dictionary<string, object?>
        {
            ["Chrome"] = chrome,
            ["ReturnUrl"] = PageResults.LocalOr(returnUrl, "/"),
            ["Users"] = chrome.DevelopmentSignIn ? DevelopmentSeed.Users : null,
            ["EntraConfigured"] = PageSignIn.IsEntraConfigured(http.RequestServices),
        });
    }

    public static async Task<IResult> SignInAsync(HttpContext http)
    {
        // The form's token was issued to whoever was signed in when it was shown.
        await SignedInAsync(http);
        if (!await PageResults.IsFormValidAsync(http))
        {
            return PageResults.FormRefused(http);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = PageResults.LocalOr(form["returnUrl"], "/");
        var environment = http.RequestServices.GetRequiredService<IHostEnvironment>();
        if (!LocalDevelopment.Is(environment))
        {
            if (!PageSignIn.IsEntraConfigured(http.RequestServices))
            {
                return PageResults.NotFound(http);
            }

            // Entra ID signs the user in and comes back to the return address (Microsoft.Identity.Web).
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [AuthSchemes.OpenIdConnect]);
        }

        if (DevelopmentSeed.Users.FirstOrDefault(u => u.Id == form["user"]) is not { } user)
        {
            return PageResults.FormRefused(http);
        }

        await http.SignInAsync(AuthSchemes.Cookie, PageUser.Principal(user.Caller, user.Id));
        return PageResults.SeeOther(returnUrl);
    }

    public static async Task<IResult> SignOutAsync(HttpContext http)
    {
        if (await SignedInAsync(http) is null)
        {
            return PageResults.SeeOther("/sign-in");
        }

        if (!await PageResults.IsFormValidAsync(http))
        {
            return PageResults.FormRefused(http);
        }

        await http.SignOutAsync(AuthSchemes.Cookie);
        return PageResults.SeeOther("/sign-in");
    }

    /// <summary>The signed-in caller of an open page (<c>/</c>, <c>/sign-in</c>), which no policy authenticated.</summary>
    private static async Task<Caller?> SignedInAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(AuthSchemes.Cookie);
        if (result.Succeeded)
        {
            http.User = result.Principal;
        }

        return Caller.From(http.User);
    }
}
