using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.Domain.Plans;
using Workflows.Domain.Signals;
using Workflows.Functions.Api;

namespace Workflows.Functions.Signals;

/// <summary>A staff event or corporation update that passed its checks: the engine event name and payload.</summary>
internal sealed record ValidEvent(string Type, SignalEventPayload Payload);

/// <summary>
/// Reads and checks staff events (API.md "Staff", RULES §1 and §3) and corporation updates (API.md
/// "Corporations"). Each type takes its own fields and no others (strict, so a field a client thinks it sent
/// is never silently dropped); <c>note</c> goes with every type. Checks that need the case (is the step
/// open, is the case closed) follow in <see cref="CheckAgainst"/>.
/// </summary>
internal static partial class SignalEventValidator
{
    public const int MaxReasonLength = 500;

    private static readonly Dictionary<string, string[]> StaffFields = new(StringComparer.Ordinal)
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
    };

    private static readonly Dictionary<string, string[]> UpdateFields = new(StringComparer.Ordinal)
    {
        [SignalEvents.ArrearsResolved] = [],
        [SignalEvents.PaymentPlanAgreed] = [],
        [SignalEvents.EvictionScheduled] = ["evictionDate"],
        [SignalEvents.ArrearsChanged] = ["arrears"],
        [SignalEvents.Withdrawn] = [],
    };

    private static readonly string[] StaffOptional = ["assignee", "date"];

    public static ValidEvent? StaffEvent(JsonElement body, ValidationErrors errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (JsonObjectReader.Open(body, string.Empty, errors) is not { } json)
        {
            return null;
        }

        var type = json.Text("type");
        var assignee = json.Text("assignee");
        var channel = json.Text("channel");
        var reached = json.Flag("reached");
        var outcome = json.Text("outcome");
        var step = json.Text("step");
        var date = json.Date("date");
        var reason = json.Text("reason");
        var note = FieldText.Lines(errors, "note", json.Text("note"), SignalValidator.MaxNoteLength, required: false);
        json.Finish();

        if (Type(type, StaffFields, errors) is not { } allowed)
        {
            return null;
        }

        foreach (var name in StaffFields.Values.SelectMany(f => f).Distinct())
        {
            var present = json.IsPresent(name);
            if (present && !allowed.Contains(name))
            {
                errors.Add(name, $"Not used with type {type}.");
            }
            else if (!present && allowed.Contains(name) && !StaffOptional.Contains(name) && !errors.Has(name))
            {
                errors.Add(name, $"Required with type {type}.");
            }
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

        if (step is not null && allowed.Contains("step"))
        {
            FieldText.Line(errors, "step", step, 64, required: true);
        }

        if (reason is not null && allowed.Contains("reason"))
        {
            reason = FieldText.Lines(errors, "reason", reason, MaxReasonLength, required: true);
        }

        if (date is { } on && allowed.Contains("date"))
        {
            if (type == SignalEvents.ContactAttempted && on > today)
            {
                errors.Add("date", "Must not be in the future.");
            }
            else if (type == SignalEvents.StepExtended && on < today)
            {
                errors.Add("date", "Must not be in the past.");
            }
        }

        return errors.IsEmpty
            ? new ValidEvent(type!, new SignalEventPayload
            {
                Assignee = assignee,
                Channel = parsedChannel,
                Reached = reached,
                Outcome = parsedOutcome,
                Step = step,
                Date = date,
                Reason = reason,
                Note = note,
            })
            : null;
    }

    public static ValidEvent? Update(JsonElement body, ValidationErrors errors, DateOnly today)
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
        var note = FieldText.Lines(errors, "note", json.Text("note"), SignalValidator.MaxNoteLength, required: false);
        json.Finish();

        if (Type(type, UpdateFields, errors) is not { } allowed)
        {
            return null;
        }

        foreach (var name in UpdateFields.Values.SelectMany(f => f))
        {
            var present = json.IsPresent(name);
            if (present && !allowed.Contains(name))
            {
                errors.Add(name, $"Not used with type {type}.");
            }
            else if (!present && allowed.Contains(name) && !errors.HasUnder(name))
            {
                errors.Add(name, $"Required with type {type}.");
            }
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
            ? new ValidEvent(type!, new SignalEventPayload { EvictionDate = evictionDate, Arrears = arrears, Note = note })
            : null;
    }

    /// <summary>
    /// Checks that need the case: a step to extend must be open; suspend and resume must change something;
    /// a contact attempt cannot predate the signal. Answers the path and message of a 400, or null.
    /// </summary>
    public static (string Path, string Message)? CheckAgainst(ValidEvent @event, SignalState state)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(state);
        var payload = @event.Payload;
        switch (@event.Type)
        {
            case SignalEvents.StepExtended when state.Steps.Steps.FirstOrDefault(s => s.Key == payload.Step) is not { Status: StepStatus.Open }:
                var open = state.Steps.Open.Select(s => s.Key).ToList();
                return ("step", open.Count == 0
                    ? "This case has no open step to extend."
                    : $"Must be an open step of this case: {string.Join(", ", open)}.");
            case SignalEvents.ContactAttempted when payload.Date < state.ReceivedOn:
                return ("date", "Must not be before the signal was received.");
            default:
                return null;
        }
    }

    private static string[]? Type(string? type, Dictionary<string, string[]> fields, ValidationErrors errors)
    {
        if (type is null)
        {
            FieldText.Require(errors, "type");
            return null;
        }

        if (!fields.TryGetValue(type, out var allowed))
        {
            errors.Add("type", $"Must be one of: {string.Join(", ", fields.Keys)}.");
            return null;
        }

        return allowed;
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
