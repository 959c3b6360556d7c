using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Workflows.Application.Auth;

namespace Workflows.Application.Pages;

/// <summary>
/// Sign-in for the pages (PAGES.md): a session cookie (<c>HttpOnly</c>, <c>SameSite=Lax</c>, <c>Secure</c> outside
/// Development, eight hours sliding), filled in production by Microsoft Entra ID through OpenID Connect
/// (Microsoft.Identity.Web, section <c>Auth:Entra</c>) and in Development by the seeded users' page. The cookie
/// holds the same <see cref="Caller"/> claims an API key or bearer token gives, so the pages are authorised by
/// the same rules as the API.
/// </summary>
internal static class PageSignIn
{
    public const string CookieName = "workflows.session";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>Signed in to the pages, any role.</summary>
    public const string SignedIn = "Page";

    /// <summary>Staff who work cases (coordinators, team leads).</summary>
    public const string CaseWorker = "PageCaseWorker";

    /// <summary>Admins.</summary>
    public const string Admin = "PageAdmin";

    /// <summary>A corporation's user.</summary>
    public const string Corporation = "PageCorporation";

    public static void AddPageSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var secure = LocalDevelopment.Is(environment) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAuthentication()
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = SessionLifetime;
                o.SlidingExpiration = true;
                // A session lasts eight hours of real time, not of the demo clock's business time.
                o.TimeProvider = TimeProvider.System;
                o.LoginPath = "/sign-in";
                o.ReturnUrlParameter = "returnUrl";
                // A page the user's role may not open: the page says so (ProblemAuthorizationResultHandler).
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddMicrosoftIdentityWebApp(
                configuration.GetSection(EntraOptions.Section),
                openIdConnectScheme: AuthSchemes.OpenIdConnect,
                cookieScheme: null);
        // One source of truth: what EntraOptions (the same section) says, where Microsoft.Identity.Web found nothing,
        // e.g. the login instance, which EntraOptions defaults.
        services.AddOptions<MicrosoftIdentityOptions>(AuthSchemes.OpenIdConnect)
            .Configure<IOptions<EntraOptions>>((o, entra) =>
            {
                o.Instance = string.IsNullOrWhiteSpace(o.Instance) ? entra.Value.Instance : o.Instance;
                o.TenantId = string.IsNullOrWhiteSpace(o.TenantId) ? entra.Value.TenantId : o.TenantId;
                o.ClientId = string.IsNullOrWhiteSpace(o.ClientId) ? entra.Value.ClientId : o.ClientId;
            });
        services.AddSingleton<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider, PageSchemeProvider>();
        services.Configure<OpenIdConnectOptions>(AuthSchemes.OpenIdConnect, o =>
        {
            o.SignInScheme = AuthSchemes.Cookie;
            o.MapInboundClaims = false;
            var next = o.Events.OnTokenValidated;
            o.Events.OnTokenValidated = async context =>
            {
                await next(context);
                if (EntraClaims.ToPageCaller(context.Principal!) is not { } caller)
                {
                    context.Fail("The account has no known app role and municipality, nor a corporation.");
                    return;
                }

                if (caller.IsStaff)
                {
                    await context.HttpContext.RequestServices.GetRequiredService<StaffDirectorySync>()
                        .SyncAsync(caller, EntraClaims.EmailOf(context.Principal!), context.HttpContext.RequestAborted);
                }

                // Only what authorisation needs: the caller, and a display name (the staff id, or the corporation's).
                context.Principal = PageUser.Principal(caller, caller.Id);
            };
        });
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = "workflows.antiforgery";
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
            // Pages send X-Frame-Options DENY and frame-ancestors 'none' themselves.
            o.SuppressXFrameOptionsHeader = true;
        });
    }

    public static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, Require(_ => true));
        options.AddPolicy(CaseWorker, Require(c => c.IsStaff && !c.IsAdmin));
        options.AddPolicy(Admin, Require(c => c.IsAdmin));
        options.AddPolicy(Corporation, Require(c => c.Kind == CallerKind.Corporation));
    }

    public static bool IsEntraConfigured(IServiceProvider services) =>
        services.GetRequiredService<IOptions<EntraOptions>>().Value.IsSignInConfigured;

    /// <summary>Signed in with the session cookie (else a redirect to sign-in) and <paramref name="allowed"/> (else 403).</summary>
    private static AuthorizationPolicy Require(Func<Caller, bool> allowed) =>
        new AuthorizationPolicyBuilder(AuthSchemes.Cookie)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.From(context.User) is { } caller && allowed(caller))
            .Build();
}
