using Workflows.Domain.Plans;
using Workflows.Application.Api;

namespace Workflows.Application.Cases;

/// <summary>
/// The fields staff events share across kinds of case (API.md "Staff", RULES §3): the type, step-extended's
/// step, date and reason, suspended's reason, and the note that goes with every type. A kind reads its own
/// fields after these and checks them against its <see cref="EventFields"/>.
/// </summary>
internal sealed record CaseEventFields(string? Type, string? Step, DateOnly? Date, string? Reason, string? Note)
{
    public const int MaxNoteLength = 1000;
    public const int MaxReasonLength = 500;
    public const int MaxStepLength = 64;

    public static CaseEventFields Read(JsonObjectReader json, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new(json.Text("type"), json.Text("step"), json.Date("date"), json.Text("reason"), ReadNote(json, errors));
    }

    /// <summary>The note, which goes with every event and update: optional, several lines.</summary>
    public static string? ReadNote(JsonObjectReader json, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FieldText.Lines(errors, "note", json.Text("note"), MaxNoteLength, required: false);
    }

    /// <summary>The step to extend, when the type takes one: one line.</summary>
    public void CheckStep(string[] allowed, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (Step is not null && allowed.Contains("step"))
        {
            FieldText.Line(errors, "step", Step, MaxStepLength, required: true);
        }
    }

    /// <summary>The reason as free text (why a step is extended or the case suspended), or null when the type takes none or it is wrong (error recorded).</summary>
    public string? TextReason(string[] allowed, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return Reason is not null && allowed.Contains("reason")
            ? FieldText.Lines(errors, "reason", Reason, MaxReasonLength, required: true)
            : null;
    }

    /// <summary>
    /// The date: for <paramref name="happened"/> (something that took place) not in the future; a step is
    /// extended to a day not in the past.
    /// </summary>
    public void CheckDate(string happened, string[] allowed, DateOnly today, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(errors);
        if (Date is not { } on || !allowed.Contains("date"))
        {
            return;
        }

        if (Type == happened && on > today)
        {
            errors.Add("date", "Must not be in the future.");
        }
        else if (Type == StepEvents.StepExtended && on < today)
        {
            errors.Add("date", "Must not be in the past.");
        }
    }

    /// <summary>A step to extend must be open in the case; the path and message of a 400, or null.</summary>
    public static (string Path, string Message)? CheckOpen(string? step, CaseSteps steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Steps.FirstOrDefault(s => s.Key == step) is { Status: StepStatus.Open })
        {
            return null;
        }

        var open = steps.Open.Select(s => s.Key).ToList();
        return ("step", open.Count == 0
            ? "This case has no open step to extend."
            : $"Must be an open step of this case: {string.Join(", ", open)}.");
    }
}
