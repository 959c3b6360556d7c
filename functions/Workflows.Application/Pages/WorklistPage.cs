using Workflows.Domain.Calendar;
using Workflows.Domain.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.Auth;
using Workflows.Application.Worklist;

namespace Workflows.Application.Pages;

/// <summary>
/// <c>/worklist</c>, "Werkvoorraad" (PAGES.md): the open steps the user may see, earliest due first, in tabs
/// (overdue, today, this week, all open; each with its count), filtered by kind, team and "only mine", paged.
/// Per municipality one read of the worklist's count rows and one key-range read of the rows the page shows.
/// </summary>
internal static class WorklistPage
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<(string Key, string Label)> Tabs =
        [("te-laat", "Te laat"), ("vandaag", "Vandaag"), ("deze-week", "Deze week"), ("alles", "Alles open")];

    public static async Task<IResult> GetAsync(HttpContext http, CaseClient client, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var tab = Tabs.Any(t => t.Key == query["tab"]) ? query["tab"].ToString() : "alles";
        var kind = query["kind"].ToString() is "signal" or "trajectory" ? query["kind"].ToString() : null;
        var team = query["team"].ToString() is { Length: > 0 and <= 100 } t && CredentialStore.IsName(t) ? t : null;
        var mine = query["mine"] == "on";
        var page = int.TryParse(query["page"], out var p) && p is > 0 and < 100_000 ? p : 1;

        var caller = http.Caller();
        var today = DutchTime.Today(clock.GetUtcNow());
        var equals = new Dictionary<string, string>();
        if (kind is not null)
        {
            equals["Kind"] = kind;
        }

        if (team is not null)
        {
            equals["Team"] = team;
        }

        if (mine)
        {
            equals["Assignee"] = caller.Id;
        }

        // Counts of every tab from the worklist's count rows (per due date and kind|team|assignee), then the rows of
        // this page only, by key range from the due date the page starts at: exact for any number of open steps, and
        // a page costs what it shows.
        var perDate = new SortedDictionary<DateOnly, int>();
        foreach (var municipality in caller.Municipalities)
        {
            var countRows = await client.ReadWorklistTallyAsync(Workflows.Domain.Cases.Worklist.Partition(municipality), cancellationToken);
            foreach (var (date, n) in WorklistTally.PerDate(countRows, equals))
            {
                perDate[date] = perDate.GetValueOrDefault(date) + n;
            }
        }

        var tally = new WorklistCounts(perDate);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["te-laat"] = tally.Count(null, today),
            ["vandaag"] = tally.Count(today, today.AddDays(1)),
            ["deze-week"] = tally.Count(today, today.AddDays(7)),
            ["alles"] = tally.Count(null, null),
        };
        var pages = Math.Max(1, (counts[tab] + PageSize - 1) / PageSize);
        page = Math.Min(page, pages);
        var (from, to) = tab switch
        {
            "te-laat" => ((DateOnly?)null, (DateOnly?)today),
            "vandaag" => (today, today.AddDays(1)),
            "deze-week" => (today, today.AddDays(7)),
            _ => (null, null),
        };
        IReadOnlyList<WorklistItem> rows = [];
        if (tally.Start(from, to, (page - 1) * PageSize) is { } start)
        {
            var upTo = await WorklistReader.ReadAsync(
                client, caller, Workflows.Domain.Cases.Worklist.KeyFrom(start.From), to is { } t2 ? Workflows.Domain.Cases.Worklist.KeyFrom(t2) : null,
                equals, today, cancellationToken, take: start.SkipWithin + PageSize);
            rows = [.. upTo.Skip(start.SkipWithin).Take(PageSize)];
        }

        var teams = rows.Select(i => i.Team).OfType<string>().Append(caller.Team).Append(team).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        return PageResults.Page<Components.WorklistView>(new Dictionary<string, object?>
        {
            ["Chrome"] = PageResults.Chrome(http, "Werkvoorraad"),
            ["Tab"] = tab,
            ["Counts"] = counts,
            ["Rows"] = rows,
            ["Page"] = page,
            ["Pages"] = pages,
            ["Kind"] = kind,
            ["Team"] = team,
            ["Mine"] = mine,
            ["Teams"] = teams,
            ["Today"] = today,
        });
    }

    public static DateOnly Due(WorklistItem item) => DateOnly.ParseExact(item.Due, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The worklist's address with one setting changed (tabs, paging) and the filters kept.</summary>
    public static string Link(string tab, string? kind, string? team, bool mine, int page = 1)
    {
        var parts = new List<string> { $"tab={tab}" };
        if (kind is not null)
        {
            parts.Add($"kind={kind}");
        }

        if (team is not null)
        {
            parts.Add($"team={Uri.EscapeDataString(team)}");
        }

        if (mine)
        {
            parts.Add("mine=on");
        }

        if (page > 1)
        {
            parts.Add($"page={page}");
        }

        return "/worklist?" + string.Join("&", parts);
    }
}
