using System.Globalization;
using Workflows.Orchestrations.Client;
using Workflows.Application.Auth;

namespace Workflows.Application.Worklist;

/// <summary>
/// Reads open steps from the worklist index (partition per municipality, keys by due date) for the caller's
/// municipalities, earliest due first: the one read behind the worklist API and the worklist page.
/// </summary>
internal static class WorklistReader
{
    /// <summary>Most rows read per municipality unless asked for fewer (the API's worklist has no paging yet: issue 13).</summary>
    public const int MaxRows = 1000;

    /// <param name="fromKey">Lowest key (inclusive), or null: see <see cref="Workflows.Domain.Cases.Worklist.KeyFrom"/>.</param>
    /// <param name="toKey">Highest key (exclusive), or null.</param>
    /// <param name="equals">Columns that must equal a value: Kind, Team, Assignee, Step.</param>
    public static async Task<IReadOnlyList<WorklistItem>> ReadAsync(
        CaseClient client, Caller caller, string? fromKey, string? toKey, IReadOnlyDictionary<string, string> equals, DateOnly today, CancellationToken cancellationToken,
        int take = MaxRows)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        var items = new List<WorklistItem>();
        foreach (var municipality in caller.Municipalities.Order(StringComparer.Ordinal))
        {
            var rows = await client.QueryIndexAsync(Workflows.Domain.Cases.Worklist.Partition(municipality), fromKey, toKey, equals, take, cancellationToken);
            items.AddRange(rows.Select(r =>
            {
                var rowDue = DateOnly.ParseExact(r.Properties["Due"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var caseKind = r.Properties["Kind"];
                return new WorklistItem(
                    r.Properties["CaseId"],
                    caseKind,
                    municipality,
                    r.Properties["Step"],
                    r.Properties["Label"],
                    r.Properties["Due"],
                    rowDue < today ? "overdue" : "open",
                    Blank(r.Properties.GetValueOrDefault("Assignee")),
                    Blank(r.Properties.GetValueOrDefault("Team")),
                    $"/api/v1/{(caseKind == "signal" ? "signals" : "trajectories")}/{r.Properties["CaseId"]}");
            }));
        }

        return [.. items.OrderBy(i => i.Due, StringComparer.Ordinal).ThenBy(i => i.CaseId, StringComparer.Ordinal).Take(take)];
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
