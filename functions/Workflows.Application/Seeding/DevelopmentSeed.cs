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

    private static Caller Corporation(string id, params string[] municipalities) =>
        new(CallerKind.Corporation, id, municipalities.ToHashSet(StringComparer.Ordinal), null, null);

    private static Caller Staff(string id, StaffRole role, string? municipality, string? team) =>
        new(CallerKind.Staff, id, municipality is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>([municipality], StringComparer.Ordinal), role, team);
}
