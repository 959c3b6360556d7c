using System.Security.Claims;

namespace Workflows.Application.Auth;

/// <summary>Who calls: a housing corporation (API key) or a member of municipal staff.</summary>
public enum CallerKind
{
    Corporation,
    Staff,
}

/// <summary>Staff roles (API.md "Local defaults"; production: Entra ID app roles).</summary>
public enum StaffRole
{
    Coordinator,
    TeamLead,
    Admin,
}

/// <summary>
/// The authenticated caller as every endpoint sees it, read from the principal's claims whichever scheme
/// authenticated it. Authorisation decisions are made on this, server-side, on every request.
/// </summary>
public sealed record Caller(CallerKind Kind, string Id, IReadOnlySet<string> Municipalities, StaffRole? Role, string? Team)
{
    public const string KindClaim = "wf:kind";
    public const string IdClaim = "wf:id";
    public const string MunicipalityClaim = "wf:municipality";
    public const string RoleClaim = "wf:role";
    public const string TeamClaim = "wf:team";

    public bool IsStaff => Kind == CallerKind.Staff;

    public bool IsAdmin => Kind == CallerKind.Staff && Role == StaffRole.Admin;

    /// <summary>Staff may see a case's personal data only for their own municipality (admins manage, they do not read cases).</summary>
    public bool IsStaffOf(string municipality) => IsStaff && !IsAdmin && Municipalities.Contains(municipality);

    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(KindClaim) is not { } kind || principal.FindFirstValue(IdClaim) is not { } id
            || !Enum.TryParse<CallerKind>(kind, ignoreCase: true, out var callerKind))
        {
            return null;
        }

        var municipalities = principal.FindAll(MunicipalityClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        StaffRole? role = Enum.TryParse<StaffRole>(principal.FindFirstValue(RoleClaim), ignoreCase: true, out var r) ? r : null;
        return new Caller(callerKind, id, municipalities, role, principal.FindFirstValue(TeamClaim));
    }

    public IEnumerable<Claim> ToClaims()
    {
        yield return new Claim(KindClaim, Kind.ToString());
        yield return new Claim(IdClaim, Id);
        foreach (var municipality in Municipalities)
        {
            yield return new Claim(MunicipalityClaim, municipality);
        }

        if (Role is { } role)
        {
            yield return new Claim(RoleClaim, role.ToString());
        }

        if (Team is { } team)
        {
            yield return new Claim(TeamClaim, team);
        }
    }
}
