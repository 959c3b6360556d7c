using Microsoft.AspNetCore.Authorization;

namespace Workflows.Application.Auth;

/// <summary>
/// Authorization policies on the <see cref="Caller"/>; endpoints name them in <c>RequireAuthorization</c>. An endpoint
/// that names none falls back to <see cref="Fallback"/>, so one someone forgets to protect is closed, not open; the
/// deliberately open ones (health, OpenAPI, the dev clock) say <c>AllowAnonymous</c>.
/// </summary>
public static class AuthPolicies
{
    /// <summary>A housing corporation.</summary>
    public const string Corporation = "Corporation";

    /// <summary>Any member of municipal staff (coordinator, team lead, admin).</summary>
    public const string Staff = "Staff";

    /// <summary>Staff with the Admin role.</summary>
    public const string Admin = "Admin";

    /// <summary>Staff who manage: Admin or TeamLead.</summary>
    public const string Manager = "Manager";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Corporation, Require(c => c.Kind == CallerKind.Corporation));
        options.AddPolicy(Staff, Require(c => c.IsStaff));
        options.AddPolicy(Admin, Require(c => c.IsAdmin));
        options.AddPolicy(Manager, Require(c => c.IsStaff && c.Role is StaffRole.Admin or StaffRole.TeamLead));
        Pages.PageSignIn.AddPolicies(options);
        options.FallbackPolicy = Fallback;
    }

    /// <summary>
    /// Any authenticated caller. A request that matched none of our routes (no endpoint, or routing's own 405
    /// endpoint, which is not a route) has nothing to protect and keeps its 404/405 answer.
    /// </summary>
    internal static AuthorizationPolicy Fallback { get; } = new AuthorizationPolicyBuilder()
        .RequireAssertion(context => Caller.From(context.User) is not null
            || (context.Resource is HttpContext http && http.GetEndpoint() is not RouteEndpoint))
        .Build();

    /// <summary>Authenticated (else 401) and the caller passes <paramref name="allowed"/> (else 403).</summary>
    private static AuthorizationPolicy Require(Func<Caller, bool> allowed) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.From(context.User) is { } caller && allowed(caller))
            .Build();
}
