using System.Text.Json;
using Workflows.Domain.Plans;
using Workflows.Domain.Trajectories;
using Workflows.Functions.Api;
using Workflows.Functions.Signals;

namespace Workflows.Functions.Trajectories;

/// <summary>A staff event on a trajectory that passed its checks: the engine event name and payload.</summary>
internal sealed record ValidTrajectoryEvent(string Type, TrajectoryEventPayload Payload);

/// <summary>
/// Reads and checks staff events on a trajectory (API.md "Staff", RULES §2 and §3). Each type takes its own
/// fields and no others (strict); <c>note</c> goes with every type. Checks that need the case (is the step
/// open) follow in <see cref="CheckAgainst"/>.
/// </summary>
internal static class TrajectoryEventValidator
{
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        [TrajectoryEvents.IntakeCompleted] = ["consent"],
        [TrajectoryEvents.ConditionUpdated] = ["condition", "status"],
        [TrajectoryEvents.ReleaseDateChanged] = ["date"],
        [TrajectoryEvents.Released] = ["date"],
        [TrajectoryEvents.FollowUpDone] = [],
        [TrajectoryEvents.Closed] = ["reason"],
        [TrajectoryEvents.StepExtended] = ["step", "date", "reason"],
        [TrajectoryEvents.Suspended] = ["reason"],
        [TrajectoryEvents.Resumed] = [],
    };

    /// <summary>Fields a type takes but does not require: a release date may be unknown (null); released defaults to today.</summary>
    private static readonly HashSet<(string Type, string Field)> Optional =
    [
        (TrajectoryEvents.ReleaseDateChanged, "date"),
        (TrajectoryEvents.Released, "date"),
        (TrajectoryEvents.IntakeCompleted, "consent"),
    ];

    public static ValidTrajectoryEvent? Read(JsonElement body, ValidationErrors errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (JsonObjectReader.Open(body, string.Empty, errors) is not { } json)
        {
            return null;
        }

        var type = json.Text("type");
        var condition = json.Text("condition");
        var status = json.Text("status");
        var date = json.Date("date");
        var reason = json.Text("reason");
        var step = json.Text("step");
        var consent = Consent(json.Nested("consent"));
        var note = FieldText.Lines(errors, "note", json.Text("note"), SignalValidator.MaxNoteLength, required: false);
        json.Finish();

        if (type is null)
        {
            FieldText.Require(errors, "type");
            return null;
        }

        if (!Fields.TryGetValue(type, out var allowed))
        {
            errors.Add("type", $"Must be one of: {string.Join(", ", Fields.Keys)}.");
            return null;
        }

        foreach (var name in Fields.Values.SelectMany(f => f).Distinct())
        {
            var present = json.IsPresent(name);
            if (present && !allowed.Contains(name))
            {
                errors.Add(name, $"Not used with type {type}.");
            }
            else if (!present && allowed.Contains(name) && !Optional.Contains((type, name)) && !errors.HasUnder(name))
            {
                errors.Add(name, $"Required with type {type}.");
            }
        }

        if (condition is not null && allowed.Contains("condition") && !TrajectoryPlan.Conditions.Contains(condition))
        {
            errors.Add("condition", $"Must be one of: {string.Join(", ", TrajectoryPlan.Conditions)}.");
        }

        ConditionStatus? parsedStatus = null;
        if (status is not null && allowed.Contains("status"))
        {
            if (KebabEnum.TryParse<ConditionStatus>(status, out var s))
            {
                parsedStatus = s;
            }
            else
            {
                errors.Add("status", KebabEnum.OneOf<ConditionStatus>());
            }
        }

        ClosureReason? closure = null;
        string? extensionReason = null;
        if (reason is not null && allowed.Contains("reason"))
        {
            if (type == TrajectoryEvents.Closed)
            {
                if (KebabEnum.TryParse<ClosureReason>(reason, out var r))
                {
                    closure = r;
                }
                else
                {
                    errors.Add("reason", KebabEnum.OneOf<ClosureReason>());
                }
            }
            else
            {
                extensionReason = FieldText.Lines(errors, "reason", reason, SignalEventValidator.MaxReasonLength, required: true);
            }
        }

        if (step is not null && allowed.Contains("step"))
        {
            FieldText.Line(errors, "step", step, 64, required: true);
        }

        if (date is { } on && allowed.Contains("date"))
        {
            if (type == TrajectoryEvents.Released && on > today)
            {
                errors.Add("date", "Must not be in the future.");
            }
            else if (type == TrajectoryEvents.StepExtended && on < today)
            {
                errors.Add("date", "Must not be in the past.");
            }
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        return new ValidTrajectoryEvent(type, new TrajectoryEventPayload
        {
            Condition = condition,
            Status = parsedStatus,
            Date = date,
            Reason = closure,
            Step = step,
            ExtensionReason = type == TrajectoryEvents.StepExtended ? extensionReason : null,
            Consent = type == TrajectoryEvents.IntakeCompleted ? consent : null,
            // The engine keeps a suspension's reason as its note.
            Note = type == TrajectoryEvents.Suspended ? Join(extensionReason, note) : note,
        });
    }

    /// <summary>Checks that need the case: a step to extend must be open; a release cannot predate detention.</summary>
    public static (string Path, string Message)? CheckAgainst(ValidTrajectoryEvent @event, TrajectoryState state)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(state);
        var payload = @event.Payload;
        switch (@event.Type)
        {
            case TrajectoryEvents.StepExtended when state.Steps.Steps.FirstOrDefault(s => s.Key == payload.Step) is not { Status: StepStatus.Open }:
                var open = state.Steps.Open.Select(s => s.Key).ToList();
                return ("step", open.Count == 0
                    ? "This case has no open step to extend."
                    : $"Must be an open step of this case: {string.Join(", ", open)}.");
            case TrajectoryEvents.Released or TrajectoryEvents.ReleaseDateChanged when payload.Date < state.DetentionStart:
                return ("date", "Must not be before detentionStart.");
            default:
                return null;
        }
    }

    /// <summary>
    /// Consent per basic condition recorded with the intake (RULES §2): an object of condition → true/false;
    /// another member is an unknown property. Null when absent or not an object (error recorded).
    /// </summary>
    private static Dictionary<string, bool>? Consent(JsonObjectReader? json)
    {
        if (json is null)
        {
            return null;
        }

        var consent = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var condition in TrajectoryPlan.Conditions)
        {
            if (json.Flag(condition) is { } given)
            {
                consent[condition] = given;
            }
        }

        json.Finish();
        return consent;
    }

    private static string? Join(string? reason, string? note) =>
        reason is null ? note : note is null ? reason : $"{reason}\n{note}";
}
