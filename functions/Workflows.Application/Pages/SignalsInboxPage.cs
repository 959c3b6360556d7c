using Workflows.Domain.Calendar;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Auth;
using Workflows.Application.Signals;
using Workflows.Application.Worklist;

namespace Workflows.Application.Pages;

/// <summary>
/// <c>/signals</c>, "Signalen" (PAGES.md): the werkbak of new signals awaiting triage and assignment, with the
/// household merges they carry; assign to me or a colleague (the <c>triaged</c> event, through the case page's post).
/// Read from the worklist index (the triage step's rows), then each signal's case for its merges and urgency.
/// </summary>
internal static class SignalsInboxPage
{
    public const int MaxRows = 100;

    public static async Task<IResult> GetAsync(HttpContext http, CaseClient client, StaffDirectory staff, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var today = DutchTime.Today(clock.GetUtcNow());
        var triage = await WorklistReader.ReadAsync(
            client, caller, null, null, new Dictionary<string, string> { ["Kind"] = "signal", ["Step"] = SignalPlan.Triage }, today, cancellationToken);
        var rows = new List<InboxRow>();
        foreach (var item in triage.Take(MaxRows))
        {
            if (await SignalViews.FindAsync(client, item.CaseId, cancellationToken) is var (_, state) && caller.IsStaffOf(state.Municipality))
            {
                rows.Add(new InboxRow(item, state.ReceivedAt, state.Urgent, state.Absorbed.Count, state.Assignee));
            }
        }

        var colleagues = caller.Team is { } team ? (await staff.TeamMembersAsync(team, cancellationToken)).Select(m => m.Id) : [];
        return PageResults.Page<Components.SignalsInboxView>(new Dictionary<string, object?>
        {
            ["Chrome"] = PageResults.Chrome(http, "Signalen"),
            ["Rows"] = rows,
            ["More"] = triage.Count > MaxRows,
            ["Colleagues"] = colleagues.Append(caller.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => (c, c)).ToList(),
            ["Today"] = today,
            ["Notice"] = http.Request.Query["gedaan"] == "triaged" ? "Het signaal is toegewezen."
                : http.Request.Query["verwerkt"] == "triaged" ? "Het signaal is toegewezen; de lijst toont het over enkele ogenblikken." : null,
        });
    }
}

/// <summary>A signal in the werkbak: its triage step, when it came in, whether it is urgent, and how many signals of the household it took in.</summary>
public sealed record InboxRow(WorklistItem Triage, DateTimeOffset ReceivedAt, bool Urgent, int Merged, string? Assignee);
