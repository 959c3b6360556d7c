using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Orchestrations.Storage;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Pages;

/// <summary>
/// The worklist page (PAGES.md "/worklist"): tab counts that are exact beyond a thousand open steps, paging, and the
/// filters. The rows are written straight into the worklist index (what the page reads), shaped as
/// <c>Worklist.Rows</c> makes them; the app's clock says Monday 2 November 2026.
/// </summary>
public sealed partial class WorklistPageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 2);

    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Tabs_count_every_open_step_pages_hold_25_and_filters_narrow_both()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        var index = new IndexStore(app.Services.GetRequiredService<CaseTables>());
        // 1,200 steps: 700 overdue, 30 today, 70 later this week, 400 after; every third one is the coordinator's.
        var dues = Enumerable.Range(0, 700).Select(i => Today.AddDays(-1 - (i % 20)))
            .Concat(Enumerable.Repeat(Today, 30))
            .Concat(Enumerable.Range(0, 70).Select(i => Today.AddDays(1 + (i % 6))))
            .Concat(Enumerable.Range(0, 400).Select(i => Today.AddDays(7 + (i % 30))))
            .ToList();
        await Parallel.ForEachAsync(dues.Select((due, i) => (due, i)), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = _ct }, async (row, ct) =>
        {
            var (due, i) = row;
            var caseId = $"sig-page{i:D5}";
            var date = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await index.PutAsync("worklist|GM0479", $"{date}|{caseId}|first-contact", caseId, 1, new Dictionary<string, string>
            {
                ["Kind"] = i % 4 == 0 ? "trajectory" : "signal",
                ["CaseId"] = caseId,
                ["Step"] = "first-contact",
                ["Label"] = "Eerste contactpoging",
                ["Due"] = date,
                ["Responsible"] = "Assignee",
                ["Assignee"] = i % 3 == 0 ? "coordinator-zaanstad" : "",
                ["Team"] = "schuldhulp-zaanstad",
            }, likelyNew: true, ct);
        });

        using var session = new PageSession(app);
        await session.SignInAsync("coordinator-zaanstad", _ct);

        var (status, all) = await session.GetAsync("/worklist", _ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Dictionary<string, int> { ["te-laat"] = 700, ["vandaag"] = 30, ["deze-week"] = 100, ["alles"] = 1200 }, Counts(all));
        Assert.Equal(25, Rows(all).Count);
        Assert.Contains("Pagina 1 van 48", all, StringComparison.Ordinal);
        Assert.DoesNotContain("meld u aan als gebruiker van een corporatie", all, StringComparison.Ordinal);

        var (_, week) = await session.GetAsync("/worklist?tab=deze-week&page=4", _ct);
        Assert.Equal(25, Rows(week).Count);
        Assert.Contains("Pagina 4 van 4", week, StringComparison.Ordinal);
        Assert.All(Rows(week), due => Assert.InRange(due, Today, Today.AddDays(6)));

        var (_, lastOverdue) = await session.GetAsync("/worklist?tab=te-laat&page=28", _ct);
        Assert.Equal(25, Rows(lastOverdue).Count);
        Assert.All(Rows(lastOverdue), due => Assert.True(due < Today));

        var (_, mine) = await session.GetAsync("/worklist?tab=alles&mine=on&kind=trajectory", _ct);
        var expected = dues.Select((due, i) => (due, i)).Where(r => r.i % 3 == 0 && r.i % 4 == 0).ToList();
        Assert.Equal(expected.Count, Counts(mine)["alles"]);
        Assert.Equal(expected.Count(r => r.due < Today), Counts(mine)["te-laat"]);
        Assert.Equal(expected.Select(r => r.due).Order().Take(25), Rows(mine));
    }

    [Fact]
    public async Task An_unknown_filter_value_is_ignored_rather_than_failing_the_page()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var session = new PageSession(app);
        await session.SignInAsync("coordinator-zaanstad", _ct);
        var (status, html) = await session.GetAsync("/worklist?tab=nope&kind=other&team=bad%20team&page=-3", _ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("aria-current=\"page\">Alles open", html, StringComparison.Ordinal);
        // Nothing open yet in this demo: the page says where cases come from.
        Assert.Contains("meld u aan als gebruiker van een corporatie", html, StringComparison.Ordinal);
    }

    private static Dictionary<string, int> Counts(string html) =>
        TabCount().Matches(html).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    private static List<DateOnly> Rows(string html) =>
        [.. RowDue().Matches(html).Select(m => DateOnly.ParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture))];

    [GeneratedRegex("href=\"/worklist\\?tab=([a-z-]+)[^\"]*\"[^>]*>[^<]+<span class=\"count\">(\\d+)</span>")]
    private static partial Regex TabCount();

    [GeneratedRegex("<time datetime=\"(\\d{4}-\\d{2}-\\d{2})\" title=")]
    private static partial Regex RowDue();
}
