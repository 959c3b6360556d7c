using System.Globalization;
using Workflows.Domain.Plans;
using Workflows.Domain.Decisions;

namespace Workflows.Domain.Cases;

/// <summary>
/// Worklist rows in the engine's query index: partition per municipality, key ordered by due date, so
/// "overdue", "today" and "this week" are key-range reads. A row holds only what the worklist needs:
/// case reference, step, due date, assignee, team (RULES §2, "Personal data").
/// </summary>
public static class Worklist
{
    public static string Partition(string municipality) => $"worklist|{municipality}";

    /// <summary>Lowest key for a due date (keys start with the ISO date).</summary>
    public static string KeyFrom(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IEnumerable<IndexEntry> Rows(CaseKind kind, string caseId, string municipality, string? team, string? assignee, CaseSteps steps)
    {
        if (steps.IsSuspended)
        {
            yield break; // clocks stopped: nothing is due while suspended
        }

        foreach (var step in steps.Open)
        {
            if (step.Due is not { } due)
            {
                continue;
            }

            var definition = steps.Plan[step.Key];
            yield return new IndexEntry(
                Partition(municipality),
                $"{KeyFrom(due)}|{caseId}|{step.Key}",
                new Dictionary<string, string>
                {
                    ["Kind"] = kind == CaseKind.Signal ? "signal" : "trajectory",
                    ["CaseId"] = caseId,
                    ["Step"] = step.Key,
                    ["Label"] = definition.Label,
                    ["Due"] = KeyFrom(due),
                    ["Responsible"] = definition.Responsible.ToString(),
                    ["Assignee"] = assignee ?? string.Empty,
                    ["Team"] = team ?? string.Empty,
                });
        }
    }
}
