using System.Text.RegularExpressions;
using Workflows.Domain.Signals;
using Workflows.Application.Api;
using Workflows.Application.Policy;

namespace Workflows.Application.Signals;

/// <summary>A signal that passed every check, in domain terms (postal code and phone numbers normalised).</summary>
internal sealed record ValidSignal(
    string ExternalReference,
    string Municipality,
    IReadOnlyList<Tenant> Tenants,
    Address Address,
    Arrears Arrears,
    EvictionStage Stage,
    DateOnly? EvictionDate);

/// <summary>
/// Judges a signal draft (API.md "Corporations", RULES §1): required fields, formats, ranges, dates against
/// today in Europe/Amsterdam, and the four collection steps the Besluit gemeentelijke schuldhulpverlening
/// art. 2 requires before a landlord may pass on a tenant's details. Errors name canonical JSON paths.
/// </summary>
internal static partial class SignalValidator
{
    public const int MaxTenants = 10;
    public const decimal MaxArrears = 1_000_000m;
    public const decimal MaxMonthlyRent = 100_000m;
    public const int MaxArrearsMonths = 120;

    /// <summary>Oldest plausible date of birth: nobody is 130.</summary>
    private const int MaxAgeYears = 130;

    private const string Besluit = "Besluit gemeentelijke schuldhulpverlening art. 2";

    /// <summary>The four attestations (RULES §1, "What the corporation must have done first" [L]).</summary>
    private static readonly (string Name, Func<CollectionStepsDraft, bool?> Value, string Message)[] Attestations =
    [
        ("personalContactAttempted", s => s.PersonalContactAttempted,
            $"Must be true: the landlord must first have tried to reach the tenant personally about ending the arrears ({Besluit}, onder a)."),
        ("pointedToDebtHelp", s => s.PointedToDebtHelp,
            $"Must be true: the landlord must first have pointed the tenant to debt help ({Besluit}, onder b)."),
        ("writtenReminderSent", s => s.WrittenReminderSent,
            $"Must be true: the landlord must first have sent at least one written reminder ({Besluit}, onder c)."),
        ("tenantDidNotObject", s => s.TenantDidNotObject,
            $"Must be true: the reminder must have offered to pass on the details, and the tenant did not object ({Besluit}, onder d)."),
    ];

    /// <summary>The signal when every check passes; otherwise null with <paramref name="errors"/> filled.</summary>
    public static ValidSignal? Validate(SignalDraft? draft, ValidationErrors errors, DateOnly today, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(policy);
        if (draft is null)
        {
            return null; // not an object: named by the reader
        }

        var reference = ExternalReference(draft.ExternalReference, errors);
        var municipality = MunicipalityCode.Validate(draft.MunicipalityCode, errors, policy);
        var tenants = Tenants(draft.Tenants, errors, today);
        var address = Address(draft.Address, errors);
        var arrears = Arrears(draft.Arrears, "arrears", errors, today);
        var stage = Stage(draft.Stage, errors);
        var evictionDate = EvictionDate(draft.EvictionDate, "evictionDate", errors, today);
        if (stage == EvictionStage.EvictionScheduled && draft.EvictionDate is null)
        {
            FieldText.Require(errors, "evictionDate");
            errors.Add("evictionDate", "Required when the stage is eviction-scheduled.");
        }

        CollectionSteps(draft.CollectionSteps, errors);

        return errors.IsEmpty
            ? new ValidSignal(reference!, municipality!, tenants!, address!, arrears!, stage!.Value, evictionDate)
            : null;
    }

    public static string? ExternalReference(string? value, ValidationErrors errors)
    {
        const string path = "externalReference";
        if (value is null)
        {
            FieldText.Require(errors, path);
            return null;
        }

        if (!ReferencePattern().IsMatch(value))
        {
            errors.Add(path, "Must be 1-64 characters of A-Z, a-z, 0-9, '.', '_', '/', '-'.");
            return null;
        }

        return value;
    }

    /// <summary>Arrears as the intake and the arrears-changed update take them.</summary>
    public static Arrears? Arrears(ArrearsDraft? draft, string path, ValidationErrors errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (draft is null)
        {
            FieldText.Require(errors, path);
            return null;
        }

        var amount = Euros(draft.Amount, ValidationErrors.Path(path, "amount"), MaxArrears, errors);
        var monthlyRent = Euros(draft.MonthlyRent, ValidationErrors.Path(path, "monthlyRent"), MaxMonthlyRent, errors);
        var sincePath = ValidationErrors.Path(path, "since");
        if (draft.Since is not { } since)
        {
            FieldText.Require(errors, sincePath);
        }
        else if (since > today)
        {
            errors.Add(sincePath, "Must not be in the future.");
        }

        var monthsPath = ValidationErrors.Path(path, "months");
        if (draft.Months is not { } months)
        {
            FieldText.Require(errors, monthsPath);
        }
        else if (months is < 0 or > MaxArrearsMonths)
        {
            errors.Add(monthsPath, $"Must be 0-{MaxArrearsMonths}.");
        }

        return errors.HasUnder(path) ? null : new Arrears(amount!.Value, draft.Since!.Value, draft.Months!.Value, monthlyRent!.Value);
    }

    /// <summary>An eviction date, when given, lies today or later.</summary>
    public static DateOnly? EvictionDate(DateOnly? value, string path, ValidationErrors errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is { } date && date < today)
        {
            errors.Add(path, "Must not be in the past.");
            return null;
        }

        return value;
    }

    private static List<Tenant>? Tenants(IReadOnlyList<TenantDraft?>? drafts, ValidationErrors errors, DateOnly today)
    {
        const string path = "tenants";
        if (drafts is null)
        {
            FieldText.Require(errors, path);
            return null;
        }

        if (drafts.Count == 0)
        {
            if (!errors.Has(path))
            {
                errors.Add(path, $"At least 1 and at most {MaxTenants} tenants.");
            }

            return null;
        }

        var tenants = new List<Tenant>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            if (drafts[i] is not { } draft)
            {
                continue;
            }

            var at = ValidationErrors.Index(path, i);
            var initials = FieldText.Line(errors, ValidationErrors.Path(at, "initials"), draft.Initials, 20, required: false);
            var prefix = FieldText.Line(errors, ValidationErrors.Path(at, "prefix"), draft.Prefix, 20, required: false);
            var surname = FieldText.Line(errors, ValidationErrors.Path(at, "surname"), draft.Surname, 200, required: true);
            var birthPath = ValidationErrors.Path(at, "dateOfBirth");
            if (draft.DateOfBirth is { } born && born >= today)
            {
                errors.Add(birthPath, "Must be in the past.");
            }
            else if (draft.DateOfBirth is { } old && old < today.AddYears(-MaxAgeYears))
            {
                errors.Add(birthPath, $"Must be within the last {MaxAgeYears} years.");
            }

            string? phone = null;
            var phonePath = ValidationErrors.Path(at, "phone");
            if (FieldText.Line(errors, phonePath, draft.Phone, 32, required: false) is { } rawPhone && !PhoneNumber.TryNormalize(rawPhone, out phone))
            {
                errors.Add(phonePath, PhoneNumber.FormatMessage);
            }

            var emailPath = ValidationErrors.Path(at, "email");
            var email = FieldText.Line(errors, emailPath, draft.Email, EmailAddress.MaxLength, required: false);
            if (email is not null && !EmailAddress.IsValid(email))
            {
                errors.Add(emailPath, EmailAddress.FormatMessage);
            }

            tenants.Add(new Tenant(initials, prefix, surname ?? string.Empty, draft.DateOfBirth, phone, email));
        }

        return tenants;
    }

    private static Address? Address(AddressDraft? draft, ValidationErrors errors)
    {
        const string path = "address";
        if (draft is null)
        {
            FieldText.Require(errors, path);
            return null;
        }

        var street = FieldText.Line(errors, "address.street", draft.Street, 200, required: true);
        var city = FieldText.Line(errors, "address.city", draft.City, 100, required: true);
        var addition = FieldText.Line(errors, "address.houseNumberAddition", draft.HouseNumberAddition, 10, required: false);
        if (draft.HouseNumber is not { } number)
        {
            FieldText.Require(errors, "address.houseNumber");
        }
        else if (number is < 1 or > 99_999)
        {
            errors.Add("address.houseNumber", "Must be 1-99999.");
        }

        string? postalCode = null;
        if (draft.PostalCode is null)
        {
            FieldText.Require(errors, "address.postalCode");
        }
        else if (!DutchPostalCode.TryNormalize(draft.PostalCode, out postalCode))
        {
            errors.Add("address.postalCode", DutchPostalCode.FormatMessage);
        }

        return errors.HasUnder(path) ? null : new Address(street!, draft.HouseNumber!.Value, addition, postalCode!, city!);
    }

    private static EvictionStage? Stage(string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            FieldText.Require(errors, "stage");
            return null;
        }

        if (!KebabEnum.TryParse<EvictionStage>(value, out var stage))
        {
            errors.Add("stage", KebabEnum.OneOf<EvictionStage>());
            return null;
        }

        return stage;
    }

    private static void CollectionSteps(CollectionStepsDraft? draft, ValidationErrors errors)
    {
        if (draft is null && errors.Has("collectionSteps"))
        {
            return; // there, but not an object
        }

        foreach (var (name, value, message) in Attestations)
        {
            var path = ValidationErrors.Path("collectionSteps", name);
            if (draft is null || value(draft) != true)
            {
                if (!errors.Has(path))
                {
                    errors.Add(path, message);
                }
            }
        }
    }

    private static decimal? Euros(decimal? value, string path, decimal below, ValidationErrors errors)
    {
        if (value is not { } amount)
        {
            FieldText.Require(errors, path);
            return null;
        }

        if (amount <= 0 || amount >= below)
        {
            errors.Add(path, $"Must be above 0 and below {below:N0} euros.".Replace(",", ".", StringComparison.Ordinal));
            return null;
        }

        if (decimal.Round(amount, 2) != amount)
        {
            errors.Add(path, "At most two decimals (cents).");
            return null;
        }

        return amount;
    }

    [GeneratedRegex("^[A-Za-z0-9._/-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
