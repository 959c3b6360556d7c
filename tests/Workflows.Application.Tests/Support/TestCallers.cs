using Workflows.Application.Auth;

namespace Workflows.Application.Tests.Support;

/// <summary>Callers for tests, named after the Development seed (API.md "Local defaults") plus a team lead of Purmerend.</summary>
public static class TestCallers
{
    public const string Zaanstad = "GM0479";
    public const string Purmerend = "GM0439";

    public static Caller CorporationA { get; } = Corporation("demo-corp-a", Zaanstad);

    public static Caller CorporationB { get; } = Corporation("demo-corp-b", Zaanstad, Purmerend);

    public static Caller CoordinatorZaanstad { get; } = Staff("coordinator-zaanstad", StaffRole.Coordinator, Zaanstad, "schuldhulp-zaanstad");

    public static Caller CoordinatorPurmerend { get; } = Staff("coordinator-purmerend", StaffRole.Coordinator, Purmerend, "schuldhulp-purmerend");

    public static Caller TeamLeadZaanstad { get; } = Staff("teamlead-zaanstad", StaffRole.TeamLead, Zaanstad, "schuldhulp-zaanstad");

    public static Caller TeamLeadPurmerend { get; } = Staff("teamlead-purmerend", StaffRole.TeamLead, Purmerend, "schuldhulp-purmerend");

    public static Caller Admin { get; } = Staff("admin", StaffRole.Admin, null, null);

    public static Caller Corporation(string id, params string[] municipalities) =>
        new(CallerKind.Corporation, id, municipalities.ToHashSet(StringComparer.Ordinal), null, null);

    public static Caller Staff(string id, StaffRole role, string? municipality, string? team) =>
        new(CallerKind.Staff, id, (municipality is null ? [] : new[] { municipality }).ToHashSet(StringComparer.Ordinal), role, team);
}
