using Microsoft.Playwright;
using Workflows.Application.Pages;
using Workflows.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// An aftercare trajectory's actions as forms (PAGES.md "Case actions"): intake with consent per basic condition,
/// a condition updated, the release date changed, released, follow-up, extend/suspend/resume, close with reason.
/// </summary>
public sealed class TrajectoryCaseTests(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    [Fact]
    public async Task Every_action_of_a_trajectory_moves_its_steps_and_grows_its_timeline()
    {
        var id = await Api.CreateTrajectoryAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync($"/cases/trajectory/{id}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Nazorgtraject {id}", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Fact("Status")).ToContainTextAsync("In detentie");
        await Expect(Page.StepDue("Geldig identiteitsbewijs bij vrijlating")).ToContainTextAsync("1 februari 2027");

        await Page.RecordAsync("Intake afgerond", async form =>
        {
            foreach (var condition in new[] { "Identiteitsbewijs", "Huisvesting", "Inkomen", "Zorg", "Zorgverzekering" })
            {
                await form.AnswerAsync(condition, yes: true);
            }

            await form.AnswerAsync("Schulden", yes: false);
        });
        await Expect(Page.Notice()).ToContainTextAsync("Vastgelegd: Intake afgerond");
        await Page.ExpectStepAsync("Intake / screening", "Gedaan");
        await Page.ExpectStepAsync("Toestemming per basisvoorwaarde vastgelegd", "Gedaan");
        await Expect(Condition("Huisvesting").Locator("td").Nth(2)).ToHaveTextAsync("ja");
        await Expect(Condition("Schulden").Locator("td").Nth(2)).ToHaveTextAsync("nee");

        await Page.RecordAsync("Basisvoorwaarde bijwerken", async form =>
        {
            await form.ChooseAsync("Basisvoorwaarde", "Huisvesting");
            await form.ChooseAsync("Status", "Geregeld");
        });
        await Page.ExpectStepAsync("Huisvesting / opvang geregeld", "Gedaan");
        await Expect(Condition("Huisvesting").Locator("td").Nth(1)).ToHaveTextAsync("Geregeld");

        await Page.RecordAsync("Datum van vrijlating wijzigen", form => form.GetByLabel("Verwachte datum van vrijlating").FillAsync("2027-03-01"));
        await Expect(Page.Fact("Vrijlating")).ToHaveTextAsync("verwacht 1 maart 2027");
        // Every step anchored on the release moves with it: the identity document 14 days before.
        await Expect(Page.StepDue("Geldig identiteitsbewijs bij vrijlating")).ToContainTextAsync("15 februari 2027");

        await Page.RecordAsync("Termijn verlengen", async form =>
        {
            await form.ChooseAsync("Stap", "Uitkering gemeld of werk geregeld");
            await form.GetByLabel("Nieuwe termijn").FillAsync("2027-03-05");
            await form.GetByLabel("Reden", new() { Exact = true }).FillAsync("Wacht op het UWV");
        });
        await Expect(Page.StepDue("Uitkering gemeld of werk geregeld")).ToContainTextAsync("verlengd: Wacht op het UWV");
        await Expect(Page.StepDue("Uitkering gemeld of werk geregeld").Locator("time")).ToHaveAttributeAsync("datetime", "2027-03-05");

        await Page.RecordAsync("Zaak opschorten", form => form.GetByLabel("Reden", new() { Exact = true }).FillAsync("Overgeplaatst naar een andere inrichting"));
        await Expect(Page.Fact("Status")).ToContainTextAsync("opgeschort");
        await Page.RecordAsync("Zaak hervatten");
        await Expect(Page.Fact("Status")).Not.ToContainTextAsync("opgeschort");

        await Page.RecordAsync("Vrijgelaten");
        await Expect(Page.Fact("Status")).ToContainTextAsync("Vrijgelaten");
        await Expect(Page.Fact("Vrijlating")).ToHaveTextAsync($"vrijgelaten op {Dutch.Date(App.Today)}");
        await Page.ExpectStepAsync("Contact op de dag na vrijlating", "Open");
        await Expect(Page.Action("Datum van vrijlating wijzigen")).ToHaveCountAsync(0);

        await Page.RecordAsync("Vervolgcontact gedaan", form => form.GetByLabel("Notitie").FillAsync("Opgehaald bij de poort."));
        await Page.ExpectStepAsync("Contact op de dag na vrijlating", "Gedaan");
        await Expect(Page.StepStatus("Nazorgcontact na 4 weken")).ToHaveTextAsync("Open");

        await Page.RecordAsync("Zaak afsluiten", form => form.ChooseAsync("Reden", "Overgedragen"));
        await Expect(Page.Fact("Status")).ToContainTextAsync("Afgesloten");
        await Expect(Page.Fact("Afgesloten")).ToHaveTextAsync("Overgedragen");
        await Expect(Page.StepStatus("Nazorgcontact na 4 weken")).ToHaveTextAsync("Vervallen");
        await Expect(Page.GetByText("Dit traject is afgesloten")).ToBeVisibleAsync();
        await Expect(Page.Locator("section.action")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_condition_update_without_a_status_is_refused_beside_the_status()
    {
        var id = await Api.CreateTrajectoryAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync($"/cases/trajectory/{id}");
        var form = Page.Action("Basisvoorwaarde bijwerken");
        await form.ChooseAsync("Basisvoorwaarde", "Inkomen");

        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Basisvoorwaarde bijwerken" }).SubmitAsync();

        Assert.Equal(400, response.Status);
        form = Page.Action("Basisvoorwaarde bijwerken");
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("Niet vastgelegd");
        var status = form.GetByLabel("Status");
        await Expect(status).ToHaveAttributeAsync("aria-invalid", "true");
        var message = form.Locator($"[id='{await status.GetAttributeAsync("aria-describedby")}']");
        await Expect(message).ToContainTextAsync("Vul dit in.");
        await Expect(form.GetByLabel("Basisvoorwaarde")).ToHaveValueAsync("income");

        await Page.GotoAsync($"/cases/trajectory/{id}");
        await Expect(Page.Timeline().Filter(new() { HasText = "Basisvoorwaarde bijgewerkt" })).ToHaveCountAsync(0);
        await Expect(Condition("Inkomen").Locator("td").Nth(1)).ToHaveTextAsync("Onbekend");
    }

    /// <summary>The row of a basic condition in the table "Basisvoorwaarden" (condition, status, consent).</summary>
    private ILocator Condition(string name) =>
        Page.GetByRole(AriaRole.Table, new() { Name = "De vijf basisvoorwaarden en de zorgverzekering" }).GetByRole(AriaRole.Row)
            .Filter(new() { Has = Page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }) });
}
