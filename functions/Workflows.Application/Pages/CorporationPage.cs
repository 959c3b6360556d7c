using Microsoft.Extensions.Options;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Auth;
using Workflows.Application.Policy;
using Workflows.Application.Signals;

namespace Workflows.Application.Pages;

/// <summary>
/// <c>/corporation</c> (PAGES.md, corporation users): their signals with the coarse status (API.md: nothing of the
/// household's situation), a form for one signal (the API's <see cref="SignalSubmitter"/>), and a CSV upload
/// with a result per row (the API's batch processor: created / duplicate / invalid with the reasons).
/// </summary>
internal static class CorporationPage
{
    public const int ListSize = 50;

    /// <summary>The four steps a landlord must have taken before signalling (Besluit gemeentelijke schuldhulpverlening, art. 2).</summary>
    public static readonly IReadOnlyList<(string Name, string Label)> CollectionSteps =
    [
        ("personalContactAttempted", "Wij hebben geprobeerd de huurder persoonlijk te spreken over de achterstand"),
        ("pointedToDebtHelp", "Wij hebben de huurder gewezen op schuldhulpverlening"),
        ("writtenReminderSent", "Wij hebben minstens één schriftelijke herinnering gestuurd"),
        ("tenantDidNotObject", "De huurder is gewezen op het doorgeven van gegevens en heeft geen bezwaar gemaakt"),
    ];

    public static readonly FormField[] SignalFields =
    [
        new("externalReference"), new("municipalityCode"),
        new("tenants[0].initials"), new("tenants[0].prefix"), new("tenants[0].surname"), new("tenants[0].dateOfBirth"),
        new("tenants[0].phone"), new("tenants[0].email"),
        new("address.street"), new("address.houseNumber", FieldKind.WholeNumber), new("address.houseNumberAddition"),
        new("address.postalCode"), new("address.city"),
        new("arrears.amount", FieldKind.Amount), new("arrears.since"), new("arrears.months", FieldKind.WholeNumber), new("arrears.monthlyRent", FieldKind.Amount),
        new("stage"), new("evictionDate"),
        .. CollectionSteps.Select(s => new FormField($"collectionSteps.{s.Name}", FieldKind.Boolean)),
    ];

    public static Task<IResult> GetAsync(HttpContext http, CaseClient client, CancellationToken cancellationToken) =>
        RenderAsync(http, client, FormState.Empty("signal"), null, null, StatusCodes.Status200OK, cancellationToken);

    public static async Task<IResult> PostSignalAsync(
        HttpContext http, SignalReceiver receiver, CaseClient client, CasePolicy policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await PageResults.IsFormValidAsync(http))
        {
            return PageResults.FormRefused(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var outcome = await SignalSubmitter.SubmitAsync(http.Caller(), FormJson.Build(form, SignalFields), receiver, client, policy, IsoDate.Today(clock), cancellationToken);
        return outcome switch
        {
            SignalSubmitter.Outcome.Received { Created: true } => PageResults.SeeOther("/corporation?verstuurd=1"),
            SignalSubmitter.Outcome.Received => PageResults.SeeOther("/corporation?bestond=1"),
            SignalSubmitter.Outcome.Invalid invalid => await RenderAsync(
                http, client, FormState.Refused("signal", form, invalid.Errors, null, path => path == "tenants" ? "tenants[0].surname" : path), null, null,
                StatusCodes.Status400BadRequest, cancellationToken),
            _ => await RenderAsync(
                http, client, FormState.Refused("signal", form, null, "Uw corporatie mag geen signalen sturen aan deze gemeente."), null, null,
                StatusCodes.Status403Forbidden, cancellationToken),
        };
    }

    public static async Task<IResult> PostBatchAsync(
        HttpContext http, SignalBatchProcessor processor, CaseClient client, IOptions<SignalsOptions> options, CancellationToken cancellationToken)
    {
        if (!await PageResults.IsFormValidAsync(http))
        {
            return PageResults.FormRefused(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return await RenderAsync(http, client, FormState.Empty("signal"), null, "Kies een CSV-bestand om te uploaden.", StatusCodes.Status400BadRequest, cancellationToken);
        }

        try
        {
            await using var stream = file.OpenReadStream();
            await using var body = await SpooledBody.SpoolAsync(stream, options.Value.MaxBatchBytes, memoryThreshold: 256 * 1024, cancellationToken);
            var results = await processor.ProcessAsync(http.Caller(), body, MediaType.Csv, cancellationToken);
            return await RenderAsync(http, client, FormState.Empty("signal"), results, null, StatusCodes.Status200OK, cancellationToken);
        }
        catch (SpoolException e) when (e.Failure == SpoolFailure.TooLarge)
        {
            return await RenderAsync(http, client, FormState.Empty("signal"), null,
                $"Het bestand is te groot: hoogstens {options.Value.MaxBatchBytes / (1024 * 1024)} MB. Er is niets opgeslagen.", StatusCodes.Status400BadRequest, cancellationToken);
        }
        catch (Exception e) when (e is SpoolException or BodyFormatException)
        {
            return await RenderAsync(http, client, FormState.Empty("signal"), null,
                "Het bestand is geen leesbaar CSV-bestand (UTF-8, met een kopregel). Er is niets opgeslagen.", StatusCodes.Status400BadRequest, cancellationToken);
        }
        catch (TooManySignalsException e)
        {
            return await RenderAsync(http, client, FormState.Empty("signal"), null,
                $"Te veel regels: hoogstens {e.Limit} per bestand. Er is niets opgeslagen.", StatusCodes.Status400BadRequest, cancellationToken);
        }
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, CaseClient client, FormState form, IReadOnlyList<SignalBatchResult>? results, string? uploadError, int status, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var rows = await client.QueryIndexAsync(CorporationSignals.Partition(caller.Id), null, null, null, ListSize, cancellationToken);
        var signals = rows.Select(r => new CorporationSignalRow(
            r.Properties["CaseId"],
            r.Properties["ExternalReference"],
            r.Properties["Status"],
            DateTimeOffset.Parse(r.Properties["ReceivedAt"], System.Globalization.CultureInfo.InvariantCulture),
            r.Properties.GetValueOrDefault("MergedInto") is { Length: > 0 })).ToList();
        var notice = http.Request.Query["verstuurd"] == "1" ? "Het signaal is ontvangen; de gemeente neemt contact op met het huishouden. Het staat binnen enkele seconden in de lijst."
            : http.Request.Query["bestond"] == "1" ? "Dit signaal had u al gestuurd (zelfde kenmerk); er is niets dubbel opgeslagen."
            : null;
        return PageResults.Page<Components.CorporationView>(
            new Dictionary<string, object?>
            {
                ["Chrome"] = PageResults.Chrome(http, "Signalen van uw corporatie"),
                ["Signals"] = signals,
                ["Form"] = form,
                ["Results"] = results,
                ["UploadError"] = uploadError,
                ["Notice"] = notice,
                ["Municipalities"] = caller.Municipalities.Order(StringComparer.Ordinal).Select(m => (m, $"{Seeding.DevelopmentSeed.MunicipalityName(m)} ({m})")).ToList(),
            },
            status);
    }
}

/// <summary>One of the corporation's signals as its list shows it (the coarse view; no household data).</summary>
public sealed record CorporationSignalRow(string Id, string ExternalReference, string Status, DateTimeOffset ReceivedAt, bool Merged);
