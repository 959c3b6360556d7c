namespace Workflows.Application.Signals;

// A signal as read from JSON or one CSV row, before its values are judged: every field may be missing.
// Readers record type errors; SignalValidator judges the rest and builds the ValidSignal.

internal sealed record SignalDraft
{
    public string? ExternalReference { get; init; }
    public string? MunicipalityCode { get; init; }
    public IReadOnlyList<TenantDraft?>? Tenants { get; init; }
    public AddressDraft? Address { get; init; }
    public ArrearsDraft? Arrears { get; init; }
    public string? Stage { get; init; }
    public DateOnly? EvictionDate { get; init; }
    public CollectionStepsDraft? CollectionSteps { get; init; }
}

internal sealed record TenantDraft(string? Initials, string? Prefix, string? Surname, DateOnly? DateOfBirth, string? Phone, string? Email);

internal sealed record AddressDraft(string? Street, int? HouseNumber, string? HouseNumberAddition, string? PostalCode, string? City);

internal sealed record ArrearsDraft(decimal? Amount, DateOnly? Since, int? Months, decimal? MonthlyRent);

internal sealed record CollectionStepsDraft(bool? PersonalContactAttempted, bool? PointedToDebtHelp, bool? WrittenReminderSent, bool? TenantDidNotObject);
