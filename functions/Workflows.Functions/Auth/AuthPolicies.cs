using Microsoft.AspNetCore.Authorization;

namespace Workflows.Functions.Auth;

/// <summary>Authorization policies on the <see cref="Caller"/>; endpoints name them in <c>RequireAuthorization</c>.</summary>
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
    }

    /// <summary>Authenticated (else 401) and the caller passes <paramref name="allowed"/> (else 403).</summary>
    private static AuthorizationPolicy Require(Func<Caller, bool> allowed) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.From(context.User) is { } caller && allowed(caller))
            .Build();
}
