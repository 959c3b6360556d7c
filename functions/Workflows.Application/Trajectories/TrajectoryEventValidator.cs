using System.Text.Json;
using Workflows.Domain.Trajectories;
using Workflows.Application.Api;
using Workflows.Application.Cases;

namespace Workflows.Application.Trajectories;

/// <summary>
/// Reads and checks staff events on a trajectory (API.md "Staff", RULES §2 and §3). Each type takes its own
/// fields and no others (<see cref="EventFields"/>); <c>note</c> goes with every type. Checks that need the
/// case (is the step open) follow in <see cref="TrajectoryStaffEvents"/>.
/// </summary>
internal static class TrajectoryEventValidator
{
    /// <summary>A release date may be unknown (null); released defaults to today; consent may be given later.</summary>
    private static readonly EventFields Fields = new(
        new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [TrajectoryEvents.IntakeCompleted] = ["consent"],
            [TrajectoryEvents.ConditionUpdated] = ["condition", "status"],
            [TrajectoryEvents.ReleaseDateChanged] = ["date"],
            [TrajectoryEvents.Released] = ["date"],
            [TrajectoryEvents.FollowUpDone] = [],
            [TrajectoryEvents.Closed] = ["reason"],
            [TrajectoryEvents.Assigned] = ["coordinator"],
            [TrajectoryEvents.StepExtended] = ["step", "date", "reason"],
            [TrajectoryEvents.Suspended] = ["reason"],
            [TrajectoryEvents.Resumed] = [],
        },
        new HashSet<(string, string)>
        {
            (TrajectoryEvents.ReleaseDateChanged, "date"),
            (TrajectoryEvents.Released, "date"),
            (TrajectoryEvents.IntakeCompleted, "consent"),
        });

    public static ValidEvent<TrajectoryEventPayload>? Read(JsonElement body, ValidationErrors errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (JsonObjectReader.Open(body, string.Empty, errors) is not { } json)
        {
            return null;
        }

        var common = CaseEventFields.Read(json, errors);
        var condition = json.Text("condition");
        var status = json.Text("status");
        var consent = Consent(json.Nested("consent"));
        var coordinator = json.Text("coordinator");
        json.Finish();

        if (Fields.Allowed(json, common.Type, errors) is not { } allowed || common.Type is not { } type)
        {
            return null;
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

        if (coordinator is not null && allowed.Contains("coordinator") && !TrajectoryValidator.StaffId().IsMatch(coordinator))
        {
            errors.Add("coordinator", TrajectoryValidator.StaffIdMessage);
        }

        // A closure's reason is one of a list; any other reason is free text.
        var closure = type == TrajectoryEvents.Closed ? ClosureReasonOf(common.Reason, errors) : null;
        var textReason = type == TrajectoryEvents.Closed ? null : common.TextReason(allowed, errors);
        common.CheckStep(allowed, errors);
        common.CheckDate(TrajectoryEvents.Released, allowed, today, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }

        return new ValidEvent<TrajectoryEventPayload>(type, new TrajectoryEventPayload
        {
            Condition = condition,
            Status = parsedStatus,
            Date = common.Date,
            Reason = closure,
            Step = common.Step,
            ExtensionReason = type == TrajectoryEvents.StepExtended ? textReason : null,
            Consent = type == TrajectoryEvents.IntakeCompleted ? consent : null,
            Coordinator = type == TrajectoryEvents.Assigned ? coordinator : null,
            // The case keeps a suspension's reason as its note.
            Note = type == TrajectoryEvents.Suspended ? Join(textReason, common.Note) : common.Note,
        });
    }

    /// <summary>The reason a trajectory closed, or null when absent or not one of the list (error recorded).</summary>
    private static ClosureReason? ClosureReasonOf(string? reason, ValidationErrors errors)
    {
        if (reason is null)
        {
            return null;
        }

        if (KebabEnum.TryParse<ClosureReason>(reason, out var r))
        {
            return r;
        }

        errors.Add("reason", KebabEnum.OneOf<ClosureReason>());
        return null;
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
