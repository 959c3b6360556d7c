using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>"Werkvoorraad" (PAGES.md "/worklist"): tabs with counts, filters, and a row's link to its case.</summary>
public sealed partial class WorklistTests(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    [Fact]
    public async Task A_case_opens_from_its_row_in_the_worklist()
    {
        var signal = await Api.CreateSignalAsync();
        var trajectory = await Api.CreateTrajectoryAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");

        // Other tests' cases share this worklist, 25 rows a page, earliest due first: the trajectory is looked for among
        // trajectories (its steps fall due later than signals'), the signal last, on the page the test goes on from.
        await ExpectRowAsync("/worklist?kind=trajectory", trajectory);
        await ExpectRowAsync("/worklist", signal);

        var all = Page.GetByRole(AriaRole.Navigation, new() { Name = "Tabbladen" }).GetByRole(AriaRole.Link, new() { NameRegex = AllOpen() });
        await Expect(all).ToHaveAttributeAsync("aria-current", "page");
        await AssertTabCountsMatchRowsAsync("alles");

        await Page.GetByRole(AriaRole.Link, new() { Name = signal, Exact = true }).First.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"/cases/signal/{signal}$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Signaal {signal}", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Step("Triage van het signaal")).ToBeVisibleAsync();
        await Expect(Page.StepStatus("Eerste contactpoging")).ToHaveTextAsync("Open");
    }

    [Fact]
    public async Task Filters_narrow_the_worklist_by_kind_and_to_my_own_cases()
    {
        var mine = await Api.CreateSignalAsync();
        var other = await Api.CreateSignalAsync();
        var trajectory = await Api.CreateTrajectoryAsync();
        await Api.RecordAsync("signal", mine, new() { ["type"] = "triaged", ["assignee"] = "coordinator-zaanstad" });
        await Api.RecordAsync("signal", other, new() { ["type"] = "triaged", ["assignee"] = "teamlead-zaanstad" });
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync("/worklist");

        await Page.Locator("main").ChooseAsync("Soort zaak", "Nazorgtraject");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter toepassen" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("kind=trajectory"));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = trajectory, Exact = true }).First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = mine, Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel("Soort zaak")).ToHaveValueAsync("trajectory");

        await Page.Locator("main").ChooseAsync("Soort zaak", "Signaal huurachterstand");
        await Page.GetByLabel("Alleen mijn zaken").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter toepassen" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("kind=signal.*mine=on"));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = mine, Exact = true }).First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = other, Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = trajectory, Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel("Alleen mijn zaken")).ToBeCheckedAsync();
        // Every row left is assigned to the signed-in user.
        foreach (var row in await Page.Locator("table.worklist tbody tr").AllAsync())
        {
            await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("coordinator-zaanstad");
        }
    }

    [Fact]
    public async Task Tabs_split_the_open_steps_by_due_date_and_overdue_steps_say_so_in_words()
    {
        var signal = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");

        // Triage is due the working day the signal came in (RULES §1).
        await Page.GotoAsync("/worklist?tab=vandaag");
        var today = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Triage van het signaal" }).Filter(new() { HasText = signal });
        await Expect(today).ToHaveCountAsync(1);
        await Expect(today.Locator("td").Nth(4)).ToHaveTextAsync("Open");
        await AssertTabCountsMatchRowsAsync("vandaag");

        // The next working day the untriaged signal is late: the tab "Te laat" lists it, with the word, not only a colour.
        await App.AdvanceAsync(TimeSpan.FromDays(App.Today.DayOfWeek == DayOfWeek.Friday ? 3 : 1));
        // The session lasts eight hours of business time (PageSignIn.SessionLifetime): sign in again.
        await Page.SignInAsAsync("coordinator-zaanstad", "/worklist?tab=te-laat");

        var late = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Triage van het signaal" }).Filter(new() { HasText = signal });
        await Expect(late).ToHaveCountAsync(1);
        await Expect(late.Locator("td").Nth(4)).ToHaveTextAsync(new Regex("Te laat"));
        await AssertTabCountsMatchRowsAsync("te-laat");
        await Expect(Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Te laat") })).ToHaveAttributeAsync("aria-current", "page");
    }

    /// <summary>
    /// Opens <paramref name="url"/> until a row of case <paramref name="id"/> shows: the runtime writes a new case's
    /// worklist rows a moment after its start, and a page shows the rows there were when it was served (the user reloads).
    /// </summary>
    private async Task ExpectRowAsync(string url, string id)
    {
        var rows = Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = id });
        for (var attempt = 1; ; attempt++)
        {
            await Page.GotoAsync(url);
            if (await rows.CountAsync() > 0 || attempt == 20)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        await Expect(rows).Not.ToHaveCountAsync(0);
    }

    /// <summary>The current tab's count (in its link and in the table's caption) is the number of rows it lists, 25 a page.</summary>
    private async Task AssertTabCountsMatchRowsAsync(string tab)
    {
        var link = Page.Locator($"nav.tabs a[href*='tab={tab}']");
        var count = await link.Locator(".count").InnerTextAsync();
        await Expect(Page.GetByRole(AriaRole.Table).Locator("caption")).ToContainTextAsync($"{count} openstaande stappen");
        var expected = Math.Min(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), 25);
        Assert.Equal(expected, await Page.Locator("table.worklist tbody tr").CountAsync());
    }

    [GeneratedRegex("^Alles open\\s*(\\d+)$")]
    private static partial Regex AllOpen();
}
