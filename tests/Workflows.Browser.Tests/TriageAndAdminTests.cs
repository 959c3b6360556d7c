using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// The werkbak "Signalen" (PAGES.md "/signals": new signals awaiting triage, household merges visible, assign)
/// and the admins' "Toegangslog" (who read which case when), with what each role may not open.
/// </summary>
public sealed class TriageAndAdminTests(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    [Fact]
    public async Task New_signals_wait_in_the_inbox_with_urgency_and_merges_shown_until_assigned()
    {
        var urgent = await Api.CreateSignalAsync(CaseApi.Signal(urgent: true));
        var first = CaseApi.Signal();
        var id = await Api.CreateSignalAsync(first);
        // A second signal of the same household (same address) from the other corporation is taken into the first.
        var same = CaseApi.Signal();
        same["address"] = first["address"]!.DeepClone();
        await Api.CreateSignalAsync(same, App.Keys.CorporationB);
        await Page.SignInAsAsync("coordinator-zaanstad");

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Signalen", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Signalen", Level = 1 })).ToBeVisibleAsync();
        await Expect(Row(urgent)).ToContainTextAsync("Dreigende ontruiming");
        await Page.ReloadUntilAsync(async () => (await Row(id).InnerTextAsync()).Contains("samengevoegd", StringComparison.Ordinal), "the merge shows");
        await Expect(Row(id)).ToContainTextAsync("+1 signaal/signalen van hetzelfde huishouden samengevoegd");

        await Row(id).ChooseAsync("Behandelaar", "teamlead-zaanstad");
        var response = await Row(id).GetByRole(AriaRole.Button, new() { Name = "Toewijzen" }).SubmitAsync();

        Assert.Equal(303, response.Status);
        await Expect(Page).ToHaveURLAsync(new Regex("/signals\\?gedaan=triaged$"));
        await Expect(Page.Notice()).ToHaveTextAsync("Het signaal is toegewezen.");
        await Page.ReloadUntilAsync(async () => await Row(id).CountAsync() == 0, "the assigned signal leaves the inbox");
        await Expect(Row(urgent)).ToHaveCountAsync(1);
        Assert.Equal("teamlead-zaanstad", (await Api.GetAsync("signal", id)).GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task The_access_log_shows_who_read_a_case_filtered_by_case_and_by_staff_member()
    {
        var id = await Api.CreateSignalAsync();
        var reader = await NewPageAsync();
        await reader.SignInAsAsync("teamlead-zaanstad", $"/cases/signal/{id}");
        await Expect(reader.Steps()).ToBeVisibleAsync();
        await reader.Context.DisposeAsync();
        await Page.SignInAsAsync("admin");
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/access-log$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Toegangslog", Level = 1 })).ToBeVisibleAsync();

        await Page.GetByLabel("Zaak").FillAsync(id);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"caseId={id}"));
        var reads = Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = "teamlead-zaanstad" });
        await Expect(reads.First).ToContainTextAsync("ingezien");
        await Expect(reads.First).ToContainTextAsync("Signaal");
        await Expect(Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasNotText = id })).ToHaveCountAsync(1); // the header row

        await Page.GetByLabel("Zaak").FillAsync("");
        await Page.GetByLabel("Medewerker").FillAsync("teamlead-zaanstad");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("staffId=teamlead-zaanstad"));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }).First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Table).Locator("tbody tr").Filter(new() { HasNotText = "teamlead-zaanstad" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_wrong_filter_value_is_refused_beside_its_field()
    {
        await Page.SignInAsAsync("admin", "/admin/access-log");
        await Page.GetByLabel("Zaak").FillAsync("zaak met spaties");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();

        var field = Page.GetByLabel("Zaak");
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator($"[id='{await field.GetAttributeAsync("aria-describedby")}']")).ToContainTextAsync("Alleen letters, cijfers");
        await Expect(field).ToHaveValueAsync("zaak met spaties");
    }

    [Theory]
    [InlineData("coordinator-zaanstad", "/admin/access-log")]
    [InlineData("user-demo-corp-a", "/worklist")]
    [InlineData("user-demo-corp-a", "/signals")]
    [InlineData("admin", "/worklist")]
    [InlineData("coordinator-zaanstad", "/corporation")]
    public async Task A_page_of_another_role_says_so(string user, string path)
    {
        await Page.SignInAsAsync(user);

        var response = await Page.GotoAsync(path);

        Assert.Equal(403, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("deze pagina is niet voor uw rol");
    }

    private ILocator Row(string id) => Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }) });
}
