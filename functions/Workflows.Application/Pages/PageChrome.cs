using Microsoft.AspNetCore.Antiforgery;
using Workflows.Application.Auth;

namespace Workflows.Application.Pages;

/// <summary>
/// What every page's frame needs: its title (never personal data: PAGES.md), who is signed in, the
/// antiforgery token for its forms, and whether the Development sign-in is on.
/// </summary>
public sealed record PageChrome(string Title, Caller? Caller, string? UserName, string Path, AntiforgeryTokenSet Antiforgery, bool DevelopmentSignIn)
{
    public bool IsStaff => Caller is { IsStaff: true };

    public bool IsCorporation => Caller is { Kind: CallerKind.Corporation };

    public bool IsAdmin => Caller is { IsAdmin: true };

    /// <summary>Staff who work cases: coordinators and team leads of a municipality (admins manage, they do not read cases).</summary>
    public bool WorksCases => Caller is { IsStaff: true, IsAdmin: false };
}
