using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.Domain.Signals;
using Workflows.Application.Api;
using Workflows.Application.Cases;

namespace Workflows.Application.Signals;

/// <summary>
/// Reads and checks staff events (API.md "Staff", RULES §1 and §3) and corporation updates (API.md
/// "Corporations"). Each type takes its own fields and no others (<see cref="EventFields"/>); <c>note</c> goes
/// with every type. Checks that need the case (is the step open, is the case closed) follow in
/// <see cref="SignalStaffEvents"/>.
/// </summary>
internal static partial class SignalEventValidator
{
    private static readonly EventFields StaffFields = new(
        new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [SignalEvents.Triaged] = ["assignee"],
            [SignalEvents.ContactAttempted] = ["channel", "reached", "date"],
            [SignalEvents.HelpOffered] = [],
            [SignalEvents.HelpAccepted] = [],
            [SignalEvents.HelpDeclined] = [],
            [SignalEvents.FirstConversationHeld] = [],
            [SignalEvents.DecisionMade] = [],
            [SignalEvents.Closed] = ["outcome"],
            [SignalEvents.StepExtended] = ["step", "date", "reason"],
            [SignalEvents.Suspended] = ["reason"],
            [SignalEvents.Resumed] = [],
        },
        new HashSet<(string, string)>
        {
            (SignalEvents.Triaged, "assignee"),
            (SignalEvents.ContactAttempted, "date"),
        });

    private static readonly EventFields UpdateFields = new(new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [SignalEvents.ArrearsResolved] = [],
        [SignalEvents.PaymentPlanAgreed] = [],
        [SignalEvents.EvictionScheduled] = ["evictionDate"],
        [SignalEvents.ArrearsChanged] = ["arrears"],
        [SignalEvents.Withdrawn] = [],
    });

    public static ValidEvent<SignalEventPayload>? StaffEvent(JsonElement body, ValidationErrors errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (JsonObjectReader.Open(body, string.Empty, errors) is not { } json)
        {
            return null;
        }

        var common = CaseEventFields.Read(json, errors);
        var assignee = json.Text("assignee");
        var channel = json.Text("channel");
        var reached = json.Flag("reached");
        var outcome = json.Text("outcome");
        json.Finish();

        if (StaffFields.Allowed(json, common.Type, errors) is not { } allowed)
        {
            return null;
        }

        ContactChannel? parsedChannel = null;
        if (channel is not null && allowed.Contains("channel"))
        {
            parsedChannel = KebabEnum.TryParse<ContactChannel>(channel, out var c) ? c : Fail<ContactChannel>(errors, "channel", KebabEnum.OneOf<ContactChannel>());
        }

        SignalOutcome? parsedOutcome = null;
        if (outcome is not null && allowed.Contains("outcome"))
        {
            parsedOutcome = KebabEnum.TryParse<SignalOutcome>(outcome, out var o) ? o : Fail<SignalOutcome>(errors, "outcome", KebabEnum.OneOf<SignalOutcome>());
        }

        if (assignee is not null && allowed.Contains("assignee") && !StaffId().IsMatch(assignee))
        {
            errors.Add("assignee", "Must be a staff id: 1-100 of A-Z, a-z, 0-9, '-', '_', '.', '@'.");
        }

        common.CheckStep(allowed, errors);
        var reason = common.TextReason(allowed, errors);
        common.CheckDate(SignalEvents.ContactAttempted, allowed, today, errors);

        return errors.IsEmpty
            ? new ValidEvent<SignalEventPayload>(common.Type!, new SignalEventPayload
            {
                Assignee = assignee,
                Channel = parsedChannel,
                Reached = reached,
                Outcome = parsedOutcome,
                Step = common.Step,
                Date = common.Date,
                Reason = reason,
                Note = common.Note,
            })
            : null;
    }

    public static ValidEvent<SignalEventPayload>? Update(JsonElement body, ValidationErrors errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (JsonObjectReader.Open(body, string.Empty, errors) is not { } json)
        {
            return null;
        }

        var type = json.Text("type");
        var evictionDate = json.Date("evictionDate");
        var arrearsJson = json.Nested("arrears");
        var arrearsDraft = arrearsJson is null ? null : SignalJsonReader.Arrears(arrearsJson);
        var note = CaseEventFields.ReadNote(json, errors);
        json.Finish();

        if (UpdateFields.Allowed(json, type, errors) is not { } allowed)
        {
            return null;
        }

        Arrears? arrears = null;
        if (arrearsDraft is not null && allowed.Contains("arrears"))
        {
            arrears = SignalValidator.Arrears(arrearsDraft, "arrears", errors, today);
        }

        if (allowed.Contains("evictionDate"))
        {
            evictionDate = SignalValidator.EvictionDate(evictionDate, "evictionDate", errors, today);
        }

        return errors.IsEmpty
            ? new ValidEvent<SignalEventPayload>(type!, new SignalEventPayload { EvictionDate = evictionDate, Arrears = arrears, Note = note })
            : null;
    }

    private static T? Fail<T>(ValidationErrors errors, string path, string message)
        where T : struct
    {
        errors.Add(path, message);
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex StaffId();
}
