using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Application.Pages;

/// <summary>
/// Dutch wording on the pages (PAGES.md: "1 december 2026", "di 1 dec"), without the machine's culture data,
/// and the Dutch names of the contract's kebab-case values.
/// </summary>
public static partial class Dutch
{
    private static readonly string[] ShortDays = ["zo", "ma", "di", "wo", "do", "vr", "za"];

    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    private static readonly string[] ShortMonths = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>"1 december 2026".</summary>
    public static string Date(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Day} {Months[date.Month - 1]} {date.Year}");

    /// <summary>"di 1 dec".</summary>
    public static string ShortDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{ShortDays[(int)date.DayOfWeek]} {date.Day} {ShortMonths[date.Month - 1]}");

    /// <summary>"1 december 2026 14:05" in Dutch time.</summary>
    public static string Instant(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Amsterdam);
        return string.Create(CultureInfo.InvariantCulture, $"{Date(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}");
    }

    /// <summary>"€ 1.450,00".</summary>
    public static string Money(decimal amount) => "€ " + amount.ToString("#,##0.00", NumberFormat);

    private static readonly NumberFormatInfo NumberFormat = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    public static string StepStatus(string status) => status switch
    {
        "open" => "Open",
        "overdue" => "Te laat",
        "done" => "Gedaan",
        "void" => "Vervallen",
        "waiting" => "Wacht",
        _ => status,
    };

    public static string Kind(string kind) => kind == "signal" ? "Signaal" : "Nazorg";

    public static string CoarseStatus(string status) => status switch
    {
        "received" => "Ontvangen",
        "in-contact" => "In contact",
        "help-accepted" => "Hulp aanvaard",
        "not-reached" => "Niet bereikt",
        "closed" => "Afgesloten",
        _ => status,
    };

    public static string SignalPhase(string phase) => phase switch
    {
        "received" => "Ontvangen",
        "in-contact" => "In contact",
        "help-accepted" => "Hulp aanvaard",
        "closed" => "Afgesloten",
        "merged" => "Samengevoegd",
        _ => phase,
    };

    public static string TrajectoryPhase(string phase) => phase switch
    {
        "detained" => "In detentie",
        "released" => "Vrijgelaten",
        "closed" => "Afgesloten",
        _ => phase,
    };

    public static string Stage(string stage) => stage switch
    {
        "arrears" => "Achterstand",
        "summons" => "Dagvaarding",
        "judgment" => "Vonnis",
        "eviction-scheduled" => "Ontruiming gepland",
        _ => stage,
    };

    public static IReadOnlyList<(string Value, string Label)> Channels { get; } =
    [
        ("phone", "Telefoon"), ("letter", "Brief"), ("email", "E-mail"), ("sms", "Sms"), ("whatsapp", "WhatsApp"),
        ("home-visit", "Huisbezoek"), ("card", "Kaartje in de bus"), ("other", "Anders"),
    ];

    public static IReadOnlyList<(string Value, string Label)> Outcomes { get; } =
    [
        ("resolved-by-payment", "Opgelost door betaling"), ("payment-plan", "Betalingsregeling"), ("help-accepted", "Hulp aanvaard"),
        ("help-declined", "Hulp afgewezen"), ("already-in-help", "Al in de hulpverlening"), ("not-reached", "Niet bereikt"),
        ("withdrawn", "Ingetrokken door de verhuurder"), ("moved", "Verhuisd"), ("evicted", "Ontruimd"), ("other", "Anders"),
    ];

    public static IReadOnlyList<(string Value, string Label)> ClosureReasons { get; } =
    [
        ("completed", "Afgerond"), ("redetained", "Opnieuw gedetineerd"), ("transferred", "Overgedragen"), ("deceased", "Overleden"), ("other", "Anders"),
    ];

    public static IReadOnlyList<(string Value, string Label)> ConditionStatuses { get; } =
    [
        ("unknown", "Onbekend"), ("not-needed", "Niet nodig"), ("in-progress", "Mee bezig"), ("arranged", "Geregeld"), ("problem", "Probleem"),
    ];

    public static string Condition(string condition) => condition switch
    {
        Workflows.Domain.Trajectories.TrajectoryPlan.IdentityDocument => "Identiteitsbewijs",
        Workflows.Domain.Trajectories.TrajectoryPlan.Housing => "Huisvesting",
        Workflows.Domain.Trajectories.TrajectoryPlan.Income => "Inkomen",
        Workflows.Domain.Trajectories.TrajectoryPlan.Care => "Zorg",
        Workflows.Domain.Trajectories.TrajectoryPlan.HealthInsurance => "Zorgverzekering",
        Workflows.Domain.Trajectories.TrajectoryPlan.Debts => "Schulden",
        _ => condition,
    };

    public static string Label(IReadOnlyList<(string Value, string Label)> options, string? value) =>
        options.FirstOrDefault(o => o.Value == value).Label ?? value ?? "";

    /// <summary>
    /// A line of the case's history in business terms, or null for the runtime's own bookkeeping (a mail sent, the
    /// demo clock moved), which the timeline leaves out.
    /// </summary>
    public static string? TimelineLine(string what, string? name) => (what, name) switch
    {
        ("notification-sent" or "activity-completed" or "clock-moved" or "ignored-after-closure" or "ignored-after-release", _) => null,
        ("notification-failed", _) => "Een bericht kon niet worden verstuurd; beheer is gewaarschuwd",
        ("timer", _) => null,
        _ when HistoryLine(what, name) is var line && line != what => line,
        _ => null,
    };

    /// <summary>"Herinnering verstuurd aan coordinator-zaanstad" (recipients are staff ids or roles, never addresses).</summary>
    public static string? NotificationLine(string? template, string recipients)
    {
        var what = template switch
        {
            "reminder" => "Herinnering verstuurd",
            "escalation" => "Escalatie verstuurd",
            "cancellation" => "Agenda-item ingetrokken",
            _ => null,
        };
        return what is null ? null : recipients.Length == 0 ? what : $"{what} aan {recipients}";
    }

    /// <summary>A line of the case's history in business terms.</summary>
    public static string HistoryLine(string what, string? name) => (what, name) switch
    {
        ("started", _) => "Zaak gestart",
        ("event", "triaged") => "Getrieerd en toegewezen",
        ("event", "contact-attempted") => "Contactpoging vastgelegd",
        ("event", "help-offered") => "Hulp aangeboden",
        ("event", "help-accepted") => "Hulp aanvaard",
        ("event", "help-declined") => "Hulp afgewezen",
        ("event", "first-conversation-held") => "Eerste gesprek gevoerd",
        ("event", "decision-made") => "Besluit genomen",
        ("event", "closed") => "Zaak afgesloten",
        ("event", "step-extended") => "Termijn verlengd",
        ("event", "suspended") => "Zaak opgeschort",
        ("event", "resumed") => "Zaak hervat",
        ("event", "intake-completed") => "Intake afgerond",
        ("event", "condition-updated") => "Basisvoorwaarde bijgewerkt",
        ("event", "release-date-changed") => "Datum van vrijlating gewijzigd",
        ("event", "released") => "Vrijgelaten",
        ("event", "follow-up-done") => "Vervolgcontact gedaan",
        ("event", "assigned") => "Toegewezen aan een andere coördinator",
        ("event", "arrears-resolved") => "Verhuurder: achterstand opgelost",
        ("event", "payment-plan-agreed") => "Verhuurder: betalingsregeling getroffen",
        ("event", "eviction-scheduled") => "Verhuurder: ontruiming gepland",
        ("event", "arrears-changed") => "Verhuurder: achterstand gewijzigd",
        ("event", "withdrawn") => "Verhuurder: signaal ingetrokken",
        ("event", "signal-absorbed") => "Nieuw signaal van hetzelfde huishouden samengevoegd",
        ("event", { } other) => $"Gebeurtenis: {other}",
        ("timer", _) => "Termijn bewaakt (herinnering of escalatie)",
        ("condition-updated", _) => "Status van een basisvoorwaarde gewijzigd",
        ("release-date-changed", _) => "Verwachte datum van vrijlating aangepast; termijnen herberekend",
        ("released", _) => "Vrijlating vastgelegd; termijnen na vrijlating lopen",
        ("closed", _) => "Uitkomst vastgelegd",
        ("merged", _) => "Opgenomen in de open zaak van hetzelfde huishouden",
        ("absorbed", _) => "Signaal van hetzelfde huishouden opgenomen in deze zaak",
        ("urgent", _) => "Dreigende situatie: eerste gesprek binnen 3 werkdagen (Wgs art. 4 lid 2)",
        ("step-extended", _) => "Termijn verlengd",
        ("assigned", _) => "Coördinator gewijzigd",
        ("completed", _) => "Zaak beëindigd",
        ("failed", _) => "Zaak vastgelopen; beheer is gewaarschuwd",
        ("unknown-event", _) => "Onbekende gebeurtenis genegeerd",
        _ => what,
    };

    /// <summary>
    /// A validation message of the contract (English, API.md "Errors") in Dutch, for the message beside a field:
    /// the common forms word for word, anything else as a plain "not valid".
    /// </summary>
    public static string Message(string english, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(english);
        if (path is not null && path.StartsWith("collectionSteps.", StringComparison.Ordinal))
        {
            return "Vink aan dat deze stap is gezet: zonder alle vier kan het signaal niet worden gestuurd (Besluit gemeentelijke schuldhulpverlening, art. 2).";
        }

        if (OneOf().Match(english) is { Success: true } oneOf)
        {
            return $"Kies een van: {oneOf.Groups[1].Value}";
        }

        if (AtMost().Match(english) is { Success: true } atMost)
        {
            return $"Hoogstens {atMost.Groups[1].Value} tekens.";
        }

        return english switch
        {
            "Required." => "Vul dit in.",
            _ when english.StartsWith("Required with type", StringComparison.Ordinal) => "Vul dit in.",
            _ when english.StartsWith("Not used with type", StringComparison.Ordinal) => "Hoort niet bij deze actie.",
            "Must be a date as YYYY-MM-DD." => "Vul een datum in.",
            "Must not be in the future." => "Deze datum mag niet in de toekomst liggen.",
            "Must not be in the past." => "Deze datum mag niet in het verleden liggen.",
            "Must be in the past." => "Deze datum moet in het verleden liggen.",
            "Must be true or false." => "Kies ja of nee.",
            "Must not be before the signal was received." => "Deze datum ligt vóór de ontvangst van het signaal.",
            "Must not be before detentionStart." => "Deze datum ligt vóór het begin van de detentie.",
            "Must not be after notifiedOn." => "Deze datum ligt na de melding.",
            "Required when the stage is eviction-scheduled." => "Vul de ontruimingsdatum in bij een geplande ontruiming.",
            "Must be 1-99999." => "Vul een huisnummer van 1 tot 99999 in.",
            "Must be a whole number." => "Vul een geheel getal in.",
            "At most two decimals (cents)." => "Hoogstens twee decimalen.",
            "Must be an amount in euros such as 1450.00 (no thousands separators)." => "Vul een bedrag in, bijvoorbeeld 1450,00.",
            "Not a municipality this service works for." => "Deze gemeente werkt niet met deze dienst.",
            "Must be one line without control characters." => "Eén regel tekst, zonder speciale tekens.",
            "Must be a staff id: 1-100 of A-Z, a-z, 0-9, '-', '_', '.', '@'." => "Kies een medewerker.",
            _ when english.StartsWith("Must be an open step of this case", StringComparison.Ordinal) => "Kies een openstaande stap van deze zaak.",
            _ when english.StartsWith("Must be true: ", StringComparison.Ordinal) => "Deze stap moet gezet zijn voordat u een signaal stuurt (Besluit gemeentelijke schuldhulpverlening, art. 2).",
            _ when english.Contains("postal code", StringComparison.OrdinalIgnoreCase) => "Vul een postcode in zoals 1501 AB.",
            _ when english.Contains("phone", StringComparison.OrdinalIgnoreCase) => "Vul een telefoonnummer in zoals 06 12345678.",
            _ when english.Contains("email", StringComparison.OrdinalIgnoreCase) => "Vul een e-mailadres in.",
            _ when english.StartsWith("Must be within the last", StringComparison.Ordinal) => "Deze geboortedatum ligt te ver terug.",
            _ when english.StartsWith("Must be above 0", StringComparison.Ordinal) => "Vul een bedrag boven 0 in.",
            _ => "Deze waarde is niet geldig.",
        };
    }

    /// <summary>Why a case cannot take an action now (the API's 409 detail), in Dutch.</summary>
    public static string Conflict(string? detail) => detail switch
    {
        null => "Dit kan nu niet bij deze zaak.",
        _ when detail.Contains("is closed", StringComparison.Ordinal) => "De zaak is afgesloten; er kan niets meer worden vastgelegd.",
        _ when detail.Contains("suspended already", StringComparison.Ordinal) => "De zaak is al opgeschort.",
        _ when detail.Contains("is not suspended", StringComparison.Ordinal) => "De zaak is niet opgeschort.",
        _ when detail.Contains("released already", StringComparison.Ordinal) => "De persoon is al vrijgelaten; vrijlating en datum van vrijlating veranderen niet meer.",
        _ when detail.Contains("was taken into case", StringComparison.Ordinal) => "Dit signaal is opgenomen in een andere zaak van hetzelfde huishouden; leg het daar vast.",
        _ => "Dit kan nu niet bij deze zaak.",
    };

    [GeneratedRegex("^Must be one of: (.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex OneOf();

    [GeneratedRegex("^At most ([0-9]+) characters\\.$", RegexOptions.CultureInvariant)]
    private static partial Regex AtMost();
}
