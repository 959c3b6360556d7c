using Workflows.Domain.Signals;

namespace Workflows.Domain.Tests.Signals;

/// <summary>Signals for scenarios.</summary>
internal static class SignalIntakes
{
    public static SignalIntake Regular(string reference = "HUUR-1", string houseNumberAddition = "A") => new(
        "demo-corp-a",
        reference,
        "GM0479",
        "schuldhulp",
        [new Tenant("J.", "van", "Dijk", new DateOnly(1980, 4, 12), "+31612345678", "j.vandijk@example.nl")],
        new Address("Dorpsstraat", 12, houseNumberAddition, "1501AB", "Zaandam"),
        new Arrears(1450m, new DateOnly(2026, 1, 1), 2, 725m),
        EvictionStage.Arrears,
        null,
        SignalPlan.Default,
        new RetentionPolicy());

    public static SignalIntake Urgent(string reference = "HUUR-2") =>
        Regular(reference) with { Stage = EvictionStage.Judgment };
}
