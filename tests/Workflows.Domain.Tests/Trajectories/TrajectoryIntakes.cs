using Workflows.Domain.Trajectories;

namespace Workflows.Domain.Tests.Trajectories;

internal static class TrajectoryIntakes
{
    public static TrajectoryIntake Notified(string notifiedOn, string? release, bool highRisk = false) => new(
        "BRB-2026-0042",
        "GM0479",
        "nazorg-zaanstad",
        new Person("P.", null, "Jansen", new DateOnly(1991, 7, 3), null),
        "PI Zaanstad",
        DateOnly.Parse(notifiedOn, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1),
        DateOnly.Parse(notifiedOn, System.Globalization.CultureInfo.InvariantCulture),
        release is null ? null : DateOnly.Parse(release, System.Globalization.CultureInfo.InvariantCulture),
        "coordinator-zaanstad",
        highRisk,
        TrajectoryPlan.Default);
}
