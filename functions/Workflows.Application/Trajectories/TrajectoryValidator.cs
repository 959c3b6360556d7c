using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.Domain.Trajectories;
using Workflows.Application.Api;
using Workflows.Application.Policy;
using Workflows.Application.Signals;

namespace Workflows.Application.Trajectories;

/// <summary>A trajectory notification that passed every check, in domain terms.</summary>
internal sealed record ValidTrajectory(
    string ExternalReference,
    string Municipality,
    Person Person,
    string Institution,
    DateOnly DetentionStart,
    DateOnly NotifiedOn,
    DateOnly? ExpectedReleaseDate,
    string Coordinator,
    bool HighRisk);

/// <summary>
/// Reads a trajectory notification strictly (types, unknown and repeated members) and judges it (API.md
/// "Staff", RULES §2): the minimum of personal data, an optional BSN that passes the 11-check, dates in
/// order and not in the future. Errors name canonical JSON paths.
/// </summary>
internal static partial class TrajectoryValidator
{
    public const int MaxInstitutionLength = 100;
    private const int MaxAgeYears = 130;

    /// <summary>The municipality code as given (for the 403 check before validation), or null.</summary>
    public static string? MunicipalityOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("municipalityCode", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;

    public static ValidTrajectory? Validate(JsonElement body, ValidationErrors errors, DateOnly today, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(policy);
        if (JsonObjectReader.Open(body, string.Empty, errors) is not { } json)
        {
            return null;
        }

        var reference = json.Text("externalReference");
        var municipalityCode = json.Text("municipalityCode");
        var personJson = json.Nested("person");
        string? initials = null, prefix = null, surname = null, bsn = null;
        DateOnly? born = null;
        if (personJson is not null)
        {
            initials = personJson.Text("initials");
            prefix = personJson.Text("prefix");
            surname = personJson.Text("surname");
            born = personJson.Date("dateOfBirth");
            bsn = personJson.Text("bsn");
            personJson.Finish();
        }

        var institution = json.Text("institution");
        var detentionStart = json.Date("detentionStart");
        var notifiedOn = json.Date("notifiedOn");
        var expectedRelease = json.Date("expectedReleaseDate");
        var coordinator = json.Text("coordinator");
        var highRisk = json.Flag("highRisk");
        json.Finish();

        reference = SignalValidator.ExternalReference(reference, errors);
        var municipality = MunicipalityCode.Validate(municipalityCode, errors, policy);

        if (personJson is null)
        {
            FieldText.Require(errors, "person");
        }
        else
        {
            initials = FieldText.Line(errors, "person.initials", initials, 20, required: false);
            prefix = FieldText.Line(errors, "person.prefix", prefix, 20, required: false);
            surname = FieldText.Line(errors, "person.surname", surname, 200, required: true);
            if (born is not { } dateOfBirth)
            {
                FieldText.Require(errors, "person.dateOfBirth");
            }
            else if (dateOfBirth >= today)
            {
                errors.Add("person.dateOfBirth", "Must be in the past.");
            }
            else if (dateOfBirth < today.AddYears(-MaxAgeYears))
            {
                errors.Add("person.dateOfBirth", $"Must be within the last {MaxAgeYears} years.");
            }

            if (bsn is not null && !Bsn.IsValid(bsn))
            {
                errors.Add("person.bsn", Bsn.FormatMessage);
            }
        }

        institution = FieldText.Line(errors, "institution", institution, MaxInstitutionLength, required: true);

        if (notifiedOn is not { } notified)
        {
            FieldText.Require(errors, "notifiedOn");
        }
        else if (notified > today)
        {
            errors.Add("notifiedOn", "Must not be in the future.");
        }

        if (detentionStart is not { } started)
        {
            FieldText.Require(errors, "detentionStart");
        }
        else if (notifiedOn is { } on && started > on)
        {
            errors.Add("detentionStart", "Must not be after notifiedOn.");
        }
        else if (started > today)
        {
            errors.Add("detentionStart", "Must not be in the future.");
        }

        if (expectedRelease is { } release && detentionStart is { } start && release < start)
        {
            errors.Add("expectedReleaseDate", "Must not be before detentionStart.");
        }

        if (coordinator is null)
        {
            FieldText.Require(errors, "coordinator");
        }
        else if (!StaffId().IsMatch(coordinator))
        {
            errors.Add("coordinator", StaffIdMessage);
        }

        if (highRisk is null)
        {
            FieldText.Require(errors, "highRisk");
        }

        return errors.IsEmpty
            ? new ValidTrajectory(
                reference!,
                municipality!,
                new Person(initials, prefix, surname!, born!.Value, bsn),
                institution!,
                detentionStart!.Value,
                notifiedOn!.Value,
                expectedRelease,
                coordinator!,
                highRisk!.Value)
            : null;
    }

    public const string StaffIdMessage = "Must be a staff id: 1-100 of A-Z, a-z, 0-9, '-', '_', '.', '@'.";

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,100}$", RegexOptions.CultureInvariant)]
    internal static partial Regex StaffId();
}
