using System.Net.Mail;
using System.Security.Claims;

namespace Workflows.Application.Auth;

/// <summary>
/// Maps a validated Entra ID access token onto a <see cref="Caller"/> (claims as issued, no inbound mapping):
/// <list type="bullet">
/// <item><c>oid</c>: the user's object id, the staff id (fallback <c>sub</c>).</item>
/// <item><c>roles</c>: app roles of the API's app registration, values <c>Coordinator</c>, <c>TeamLead</c>,
/// <c>Admin</c> (case-insensitive); with several, the strongest counts.</item>
/// <item><c>municipality</c>: custom claim (directory extension or claims-mapping policy), the CBS code(s) of
/// the municipality, e.g. <c>GM0479</c>; one claim per municipality. Required except for admins.</item>
/// <item><c>team</c>: custom claim, the team name, e.g. <c>schuldhulp-zaanstad</c>. Optional.</item>
/// <item><c>email</c>, <c>upn</c>, <c>preferred_username</c>: the work email for notifications (<see cref="EmailOf"/>). Optional.</item>
/// </list>
/// A token without a known role, or a non-admin without a municipality, maps to null and is refused.
/// </summary>
public static class EntraClaims
{
    public const string ObjectId = "oid";
    public const string Subject = "sub";
    public const string Roles = "roles";
    public const string Municipality = "municipality";
    public const string Team = "team";
    public const string Corporation = "corporation";
    public const string Email = "email";
    public const string Upn = "upn";
    public const string PreferredUsername = "preferred_username";

    /// <summary>The claims that may hold the work email, best first: the mailbox (optional claim), the UPN, the sign-in name.</summary>
    private static readonly string[] EmailClaims = [Email, Upn, PreferredUsername];

    public static Caller? ToCaller(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(ObjectId) ?? principal.FindFirstValue(Subject);
        if (!CredentialStore.IsName(id))
        {
            return null;
        }

        StaffRole? role = null;
        foreach (var claim in principal.FindAll(Roles))
        {
            if (Enum.TryParse<StaffRole>(claim.Value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(claim.Value[0])
                && (role is null || parsed > role))
            {
                role = parsed;
            }
        }

        if (role is null)
        {
            return null;
        }

        var municipalities = principal.FindAll(Municipality)
            .Select(c => c.Value.Trim().ToUpperInvariant())
            .Where(CredentialStore.IsMunicipalityCode)
            .ToHashSet(StringComparer.Ordinal);
        if (municipalities.Count == 0 && role != StaffRole.Admin)
        {
            return null;
        }

        var team = principal.FindFirstValue(Team) is { } t && CredentialStore.IsName(t) ? t : null;
        return new Caller(CallerKind.Staff, id!, municipalities, role, team);
    }

    /// <summary>
    /// The user of a sign-in to the pages: a corporation's guest (a <c>corporation</c> claim with the corporation's
    /// id and a <c>municipality</c> claim for each municipality it may signal to) acts as that corporation, as its API
    /// key does; anyone else as staff (<see cref="ToCaller"/>). Null when neither fits.
    /// </summary>
    public static Caller? ToPageCaller(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(Corporation) is not { } corporation)
        {
            return ToCaller(principal);
        }

        var municipalities = principal.FindAll(Municipality)
            .Select(c => c.Value.Trim().ToUpperInvariant())
            .Where(CredentialStore.IsMunicipalityCode)
            .ToHashSet(StringComparer.Ordinal);
        return CredentialStore.IsName(corporation) && municipalities.Count > 0
            ? new Caller(CallerKind.Corporation, corporation, municipalities, null, null)
            : null;
    }

    /// <summary>
    /// The work email notifications go to: the first of <c>email</c>, <c>upn</c>, <c>preferred_username</c> that is
    /// a bare address. A guest's UPN (<c>...#EXT#@tenant</c>) reaches no mailbox and is passed over. Null when none is.
    /// </summary>
    public static string? EmailOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return EmailClaims
            .Select(principal.FindFirstValue)
            .FirstOrDefault(value => value is { Length: <= 254 }
                && !value.Contains("#EXT#", StringComparison.OrdinalIgnoreCase)
                && MailAddress.TryCreate(value, out var address)
                && address.Address == value);
    }
}
