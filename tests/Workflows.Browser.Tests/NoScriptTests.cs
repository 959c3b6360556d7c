using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// Every core flow without JavaScript (PAGES.md: "usable ... without JavaScript for every core flow"): the
/// browser context runs no script at all, so only links, GET forms and POST forms remain.
/// </summary>
public sealed partial class NoScriptTests(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    protected override bool JavaScriptEnabled => false;

    [Fact]
    public async Task Scripts_really_do_not_run_and_the_docs_page_still_links_the_document()
    {
        await Page.GotoAsync("/docs");

        // Scalar would have filled the element; without scripts the page offers the OpenAPI document itself.
        await Expect(Page.Locator("#api-reference")).ToBeEmptyAsync();
        var link = Page.GetByRole(AriaRole.Link, new() { Name = "/openapi/v1.json" });
        await Expect(link).ToHaveAttributeAsync("href", "/openapi/v1.json");
    }

    [Fact]
    public async Task Sign_in_open_the_worklist_open_a_case_and_record_a_contact_attempt()
    {
        var id = await Api.CreateSignalAsync();
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden als coordinator-zaanstad", Exact = true }).SubmitAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/worklist$"));

        await Page.Locator("main").ChooseAsync("Soort zaak", "Signaal huurachterstand");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter toepassen" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("kind=signal"));
        await Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }).First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/cases/signal/{id}$"));

        await Page.RecordAsync("Contactpoging vastleggen", async form =>
        {
            await form.GetByLabel("Datum").FillAsync(CaseApi.Iso(App.Today));
            await form.ChooseAsync("Kanaal", "Huisbezoek");
            await form.AnswerAsync("Bereikt?", yes: false);
        });

        await Expect(Page.Notice()).ToContainTextAsync("Vastgelegd: Contactpoging vastgelegd");
        await Page.ExpectStepAsync("Eerste contactpoging", "Gedaan");
        await Expect(Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Huisbezoek, niet bereikt" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_refused_action_shows_its_messages_without_scripts()
    {
        var id = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad", $"/cases/signal/{id}");

        var response = await Page.SubmitActionAsync("Zaak afsluiten");

        Assert.Equal(400, response.Status);
        var outcome = Page.Action("Zaak afsluiten").GetByLabel("Uitkomst");
        await Expect(outcome).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator($"[id='{await outcome.GetAttributeAsync("aria-describedby")}']")).ToContainTextAsync("Vul dit in.");
        await Expect(Page.Action("Zaak afsluiten").GetByRole(AriaRole.Alert)).ToContainTextAsync("Niet vastgelegd");
    }

    [Fact]
    public async Task Start_a_trajectory()
    {
        var reference = CaseApi.NewReference("BRB");
        await Page.SignInAsAsync("coordinator-zaanstad", "/trajectories/new");
        var form = Page.Locator("main form");
        await NewCaseForms.FillTrajectoryAsync(form, reference);

        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Traject starten" }).SubmitAsync();

        Assert.Equal(303, response.Status);
        await Expect(Page).ToHaveURLAsync(new Regex("/cases/trajectory/[^/?]+\\?gestart=1$"));
        await Expect(Page.Fact("Kenmerk")).ToHaveTextAsync(reference);
    }

    [Fact]
    public async Task Send_one_signal_as_a_corporation()
    {
        var reference = CaseApi.NewReference("HUUR");
        await Page.SignInAsAsync("user-demo-corp-b", "/corporation");
        var form = Page.Locator("form[action='/corporation/signals']");
        // Two municipalities: the user chooses.
        await form.ChooseAsync("Gemeente", "Purmerend (GM0439)");
        await NewCaseForms.FillSignalAsync(form, reference);

        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Signaal sturen" }).SubmitAsync();

        Assert.Equal(303, response.Status);
        await Expect(Page.Notice()).ToContainTextAsync("Het signaal is ontvangen");
        await Page.ReloadUntilAsync(async () => await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference }).CountAsync() == 1, "the new signal is listed");
    }

    [Fact]
    public async Task Assign_a_signal_from_the_inbox()
    {
        var id = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad", "/signals");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }) });

        var response = await row.GetByRole(AriaRole.Button, new() { Name = "Toewijzen" }).SubmitAsync();

        Assert.Equal(303, response.Status);
        await Expect(Page.Notice()).ToHaveTextAsync("Het signaal is toegewezen.");
        Assert.Equal("coordinator-zaanstad", (await Api.GetAsync("signal", id)).GetProperty("assignee").GetString());
    }
}
