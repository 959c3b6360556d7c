using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// A signal case's actions as forms (PAGES.md "Case actions"): each recorded from the page shows the case again
/// with the change (steps, status, timeline); a refused one shows the form again with Dutch messages beside the
/// fields and records nothing.
/// </summary>
public sealed partial class SignalCaseTests(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    [Fact]
    public async Task Every_action_of_a_signal_moves_its_steps_and_grows_its_timeline()
    {
        var id = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync($"/cases/signal/{id}");
        await Expect(Page.Fact("Behandelaar")).ToHaveTextAsync("nog niet toegewezen");
        await Expect(Page.StepStatus("Triage van het signaal")).ToHaveTextAsync("Open");

        await Page.RecordAsync("Toewijzen", form => form.ChooseAsync("Behandelaar", "teamlead-zaanstad"));
        await Expect(Page.Notice()).ToContainTextAsync("Vastgelegd: Getrieerd en toegewezen");
        await Expect(Page.Fact("Behandelaar")).ToHaveTextAsync("teamlead-zaanstad");
        await Page.ExpectStepAsync("Triage van het signaal", "Gedaan");

        await Page.RecordAsync("Contactpoging vastleggen", async form =>
        {
            await form.ChooseAsync("Kanaal", "Telefoon");
            await form.AnswerAsync("Bereikt?", yes: true);
            await form.GetByLabel("Notitie").FillAsync("Mevrouw gesproken; belt terug.");
        });
        await Expect(Page.Notice()).ToContainTextAsync("Vastgelegd: Contactpoging vastgelegd");
        await Page.ExpectStepAsync("Eerste contactpoging", "Gedaan");
        await Expect(Page.Fact("Status")).ToContainTextAsync("In contact");
        await Expect(Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Telefoon, bereikt" })).ToHaveCountAsync(1);
        await Expect(Page.Timeline().Filter(new() { HasText = "Contactpoging vastgelegd" }).First).ToContainTextAsync("Mevrouw gesproken; belt terug.");

        var newDue = App.Today.AddDays(30);
        await Page.RecordAsync("Termijn verlengen", async form =>
        {
            await form.ChooseAsync("Stap", "Hulp aangeboden");
            await form.GetByLabel("Nieuwe termijn").FillAsync(CaseApi.Iso(newDue));
            await form.GetByLabel("Reden", new() { Exact = true }).FillAsync("Wacht op stukken van de huurder");
        });
        await Expect(Page.StepDue("Hulp aangeboden")).ToContainTextAsync("verlengd: Wacht op stukken van de huurder");
        await Expect(Page.StepDue("Hulp aangeboden").Locator("time")).ToHaveAttributeAsync("datetime", CaseApi.Iso(newDue));

        await Page.RecordAsync("Zaak opschorten", form => form.GetByLabel("Reden", new() { Exact = true }).FillAsync("Huurder in het ziekenhuis"));
        await Expect(Page.Fact("Status")).ToContainTextAsync("opgeschort");
        await Expect(Page.Action("Zaak opschorten")).ToHaveCountAsync(0);

        await Page.RecordAsync("Zaak hervatten");
        await Expect(Page.Fact("Status")).Not.ToContainTextAsync("opgeschort");
        await Expect(Page.Action("Zaak opschorten")).ToHaveCountAsync(1);

        await Page.RecordAsync("Hulp aangeboden");
        await Page.ExpectStepAsync("Hulp aangeboden", "Gedaan");

        await Page.RecordAsync("Hulp aanvaard");
        await Expect(Page.Fact("Status")).ToContainTextAsync("Hulp aanvaard");
        await Page.ExpectStepAsync("Eerste gesprek na aanvaarding hulp", "Open");

        await Page.RecordAsync("Eerste gesprek gevoerd");
        await Page.ExpectStepAsync("Eerste gesprek na aanvaarding hulp", "Gedaan");
        await Page.ExpectStepAsync("Beschikking schuldhulpverlening", "Open");

        await Page.RecordAsync("Besluit genomen");
        await Page.ExpectStepAsync("Beschikking schuldhulpverlening", "Gedaan");

        await Page.RecordAsync("Zaak afsluiten", form => form.ChooseAsync("Uitkomst", "Hulp aanvaard"));
        await Expect(Page.Fact("Status")).ToContainTextAsync("Afgesloten");
        await Expect(Page.Fact("Uitkomst")).ToHaveTextAsync("Hulp aanvaard");
        await Expect(Page.GetByText("er valt hier niets meer vast te leggen")).ToBeVisibleAsync();
        await Expect(Page.Locator("section.action")).ToHaveCountAsync(0);

        var api = await Api.GetAsync("signal", id);
        Assert.Equal("teamlead-zaanstad", api.GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task Help_declined_closes_the_signal_with_that_outcome()
    {
        var id = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync($"/cases/signal/{id}");

        await Page.RecordAsync("Hulp afgewezen", form => form.GetByLabel("Notitie").FillAsync("Wil geen hulp."));

        await Expect(Page.Notice()).ToContainTextAsync("Vastgelegd: Hulp afgewezen");
        await Expect(Page.Fact("Status")).ToContainTextAsync("Afgesloten");
        await Expect(Page.Fact("Uitkomst")).ToHaveTextAsync("Hulp afgewezen");
        await Page.ExpectStepAsync("Hulp aangeboden", "Gedaan");
        await Expect(Page.StepStatus("Eerste contactpoging")).ToHaveTextAsync("Vervallen");
    }

    [Fact]
    public async Task The_timeline_tells_the_history_in_business_terms()
    {
        var id = await Api.CreateSignalAsync();
        await Api.RecordAsync("signal", id, new() { ["type"] = "help-offered" });
        // A day on: the untriaged signal's timers fire and mail the team (reminders, an escalation).
        await App.AdvanceAsync(TimeSpan.FromDays(1));
        await Page.SignInAsAsync("coordinator-zaanstad", $"/cases/signal/{id}");

        // The timers fired and mailed: the timeline says who was reminded or escalated to, not that a timer fired.
        await Expect(Page.Timeline().Filter(new() { HasText = "verstuurd aan" }).First).ToBeVisibleAsync();
        var lines = await Page.Timeline().Locator("xpath=./span[not(contains(@class, 'source'))][1]").AllInnerTextsAsync();

        // PAGES.md: "the timeline (history in business terms)": no line is a bare technical name such as "clock-moved".
        var technical = lines.Where(line => TechnicalName().IsMatch(line.Trim())).Distinct().ToList();
        Assert.True(technical.Count == 0, $"timeline lines in technical terms: {string.Join(", ", technical)} (all lines: {string.Join(" | ", lines)})");
    }

    [Fact]
    public async Task A_contact_attempt_without_reached_is_refused_beside_the_field_and_records_nothing()
    {
        var id = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync($"/cases/signal/{id}");
        var form = Page.Action("Contactpoging vastleggen");
        await form.ChooseAsync("Kanaal", "Huisbezoek");
        await form.GetByLabel("Notitie").FillAsync("Niemand thuis?");

        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Contactpoging vastleggen" }).SubmitAsync();

        Assert.Equal(400, response.Status);
        form = Page.Action("Contactpoging vastleggen");
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("Niet vastgelegd");
        var question = form.GetByRole(AriaRole.Group, new() { Name = "Bereikt?" });
        var message = question.Locator("p.field-error");
        await Expect(message).ToContainTextAsync("Vul dit in.");
        // The message is tied to the question for screen readers.
        Assert.Equal(await message.GetAttributeAsync("id"), await question.GetAttributeAsync("aria-describedby"));
        // What was typed is kept.
        await Expect(form.GetByLabel("Kanaal")).ToHaveValueAsync("home-visit");
        await Expect(form.GetByLabel("Notitie")).ToHaveValueAsync("Niemand thuis?");

        await Page.GotoAsync($"/cases/signal/{id}");
        await Expect(Page.Timeline().Filter(new() { HasText = "Contactpoging vastgelegd" })).ToHaveCountAsync(0);
        await Expect(Page.StepStatus("Eerste contactpoging")).ToHaveTextAsync("Open");
        Assert.Equal(0, (await Api.GetAsync("signal", id)).GetProperty("contactAttempts").GetArrayLength());
    }

    [Fact]
    public async Task An_extension_without_a_reason_is_refused_with_the_message_beside_the_reason()
    {
        var id = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync($"/cases/signal/{id}");
        var form = Page.Action("Termijn verlengen");
        await form.ChooseAsync("Stap", "Eerste contactpoging");
        await form.GetByLabel("Nieuwe termijn").FillAsync(CaseApi.Iso(App.Today.AddDays(20)));

        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Termijn verlengen" }).SubmitAsync();

        Assert.Equal(400, response.Status);
        var reason = Page.Action("Termijn verlengen").GetByLabel("Reden", new() { Exact = true });
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = await reason.GetAttributeAsync("aria-describedby") ?? "";
        var message = Page.Locator($"[id='{describedBy.Split(' ').Last()}']");
        await Expect(message).ToHaveClassAsync(new Regex("field-error"));
        await Expect(message).ToContainTextAsync("Vul dit in.");
        await Page.GotoAsync($"/cases/signal/{id}");
        await Expect(Page.StepDue("Eerste contactpoging")).Not.ToContainTextAsync("verlengd");
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)+$")]
    private static partial Regex TechnicalName();
}
