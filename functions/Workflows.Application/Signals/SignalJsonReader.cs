using System.Text.Json;
using Workflows.Application.Api;

namespace Workflows.Application.Signals;

/// <summary>Reads a signal (or a corporation update's arrears) from JSON strictly: types, unknown and repeated members.</summary>
internal static class SignalJsonReader
{
    public static SignalDraft? Read(JsonElement element, ValidationErrors errors)
    {
        if (JsonObjectReader.Open(element, string.Empty, errors) is not { } signal)
        {
            return null;
        }

        var draft = new SignalDraft
        {
            ExternalReference = signal.Text("externalReference"),
            MunicipalityCode = signal.Text("municipalityCode"),
            Tenants = Tenants(signal, errors),
            Address = signal.Nested("address") is { } address ? Address(address) : null,
            Arrears = signal.Nested("arrears") is { } arrears ? Arrears(arrears) : null,
            Stage = signal.Text("stage"),
            EvictionDate = signal.Date("evictionDate"),
            CollectionSteps = signal.Nested("collectionSteps") is { } steps ? CollectionSteps(steps) : null,
        };
        signal.Finish();
        return draft;
    }

    public static ArrearsDraft Arrears(JsonObjectReader arrears)
    {
        ArgumentNullException.ThrowIfNull(arrears);
        var draft = new ArrearsDraft(arrears.Number("amount"), arrears.Date("since"), arrears.WholeNumber("months"), arrears.Number("monthlyRent"));
        arrears.Finish();
        return draft;
    }

    private static List<TenantDraft?>? Tenants(JsonObjectReader signal, ValidationErrors errors)
    {
        if (signal.Array("tenants") is not { } array)
        {
            return null;
        }

        var path = signal.Child("tenants");
        var count = array.GetArrayLength();
        if (count > SignalValidator.MaxTenants)
        {
            // Not read any further: a household has a handful of tenants, not thousands.
            errors.Add(path, $"At most {SignalValidator.MaxTenants} tenants.");
            return [];
        }

        var tenants = new List<TenantDraft?>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (JsonObjectReader.Open(element, ValidationErrors.Index(path, index++), errors) is { } tenant)
            {
                tenants.Add(new TenantDraft(
                    tenant.Text("initials"), tenant.Text("prefix"), tenant.Text("surname"), tenant.Date("dateOfBirth"), tenant.Text("phone"), tenant.Text("email")));
                tenant.Finish();
            }
            else
            {
                tenants.Add(null); // not an object: named already
            }
        }

        return tenants;
    }

    private static AddressDraft Address(JsonObjectReader address)
    {
        var draft = new AddressDraft(
            address.Text("street"), address.WholeNumber("houseNumber"), address.Text("houseNumberAddition"), address.Text("postalCode"), address.Text("city"));
        address.Finish();
        return draft;
    }

    private static CollectionStepsDraft CollectionSteps(JsonObjectReader steps)
    {
        var draft = new CollectionStepsDraft(
            steps.Flag("personalContactAttempted"), steps.Flag("pointedToDebtHelp"), steps.Flag("writtenReminderSent"), steps.Flag("tenantDidNotObject"));
        steps.Finish();
        return draft;
    }
}
