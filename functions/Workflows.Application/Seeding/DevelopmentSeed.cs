using Workflows.Application.Auth;

namespace Workflows.Application.Seeding;

/// <summary>Who Development seeds (API.md "Local defaults"): two corporations and four staff, with stable ids.</summary>
public static class DevelopmentSeed
{
    public const string Zaanstad = "GM0479";
    public const string Purmerend = "GM0439";
    public const string TeamZaanstad = "schuldhulp-zaanstad";
    public const string TeamPurmerend = "schuldhulp-purmerend";

    public static IReadOnlyList<(Caller Caller, string? Email)> Callers { get; } =
    [
        (Corporation("demo-corp-a", Zaanstad), null),
        (Corporation("demo-corp-b", Zaanstad, Purmerend), null),
        (Staff("coordinator-zaanstad", StaffRole.Coordinator, Zaanstad, TeamZaanstad), "coordinator.zaanstad@gemeente.example"),
        (Staff("coordinator-purmerend", StaffRole.Coordinator, Purmerend, TeamPurmerend), "coordinator.purmerend@gemeente.example"),
        (Staff("teamlead-zaanstad", StaffRole.TeamLead, Zaanstad, TeamZaanstad), "teamlead.zaanstad@gemeente.example"),
        (Staff("admin", StaffRole.Admin, null, null), "admin@gemeente.example"),
    ];

    /// <summary>
    /// Who may sign in to the pages in Development (PAGES.md "/sign-in"): each seeded staff member, and one user per
    /// seeded corporation, who acts as that corporation (the same caller its API key gives).
    /// </summary>
    public static IReadOnlyList<SeededUser> Users { get; } =
    [
        .. Callers.Where(c => c.Caller.IsStaff).Select(c => new SeededUser(c.Caller.Id, StaffDescription(c.Caller), c.Caller)),
        .. Callers.Where(c => c.Caller.Kind == CallerKind.Corporation)
            .Select(c => new SeededUser($"user-{c.Caller.Id}", $"medewerker van corporatie {c.Caller.Id}", c.Caller)),
    ];

    private static string StaffDescription(Caller staff) =>
        (staff.Role switch { StaffRole.Coordinator => "coördinator", StaffRole.TeamLead => "teamleider", _ => "beheerder" })
        + (staff.Municipalities.Count > 0 ? $", {MunicipalityName(staff.Municipalities.Single())}" : ", alle gemeenten");

    public static string MunicipalityName(string code) => code switch
    {
        Zaanstad => "Zaanstad",
        Purmerend => "Purmerend",
        _ => code,
    };

    private static Caller Corporation(string id, params string[] municipalities) =>
        new(CallerKind.Corporation, id, municipalities.ToHashSet(StringComparer.Ordinal), null, null);

    private static Caller Staff(string id, StaffRole role, string? municipality, string? team) =>
        new(CallerKind.Staff, id, municipality is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>([municipality], StringComparer.Ordinal), role, team);
}

/// <summary>A user of the Development sign-in page: who they are and the caller they act as.</summary>
public sealed record SeededUser(string Id, string Description, Caller Caller);
