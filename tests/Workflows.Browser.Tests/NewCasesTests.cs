using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// Cases started from the pages (PAGES.md): a coordinator's new trajectory (the fields of
/// <c>POST /api/v1/trajectories</c>), a corporation's one signal by form and many by CSV upload, with a result
/// per row.
/// </summary>
public sealed partial class NewCasesTests(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    [Fact]
    public async Task A_coordinator_starts_a_trajectory_and_lands_on_its_case()
    {
        var reference = CaseApi.NewReference("BRB");
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Nieuw nazorgtraject" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Nieuw nazorgtraject", Level = 1 })).ToBeVisibleAsync();
        var form = Page.Locator("main form");
        // The only municipality and the user themselves are chosen already.
        await Expect(form.GetByLabel("Gemeente")).ToHaveValueAsync("GM0479");
        await Expect(form.GetByLabel("Coördinator")).ToHaveValueAsync("coordinator-zaanstad");

        await NewCaseForms.FillTrajectoryAsync(form, reference);
        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Traject starten" }).SubmitAsync();

        Assert.Equal(303, response.Status);
        await Expect(Page).ToHaveURLAsync(TrajectoryCase());
        var id = TrajectoryCase().Match(Page.Url).Groups[1].Value;
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Nazorgtraject {id}", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Notice()).ToContainTextAsync("Het traject is gestart");
        await Expect(Page.Fact("Kenmerk")).ToHaveTextAsync(reference);
        await Expect(Page.Fact("Persoon")).ToContainTextAsync("P. Jansen, geboren 3 juli 1991");
        await Expect(Page.StepDue("Geldig identiteitsbewijs bij vrijlating")).ToContainTextAsync("1 februari 2027");
        var api = await Api.GetAsync("trajectory", id);
        Assert.Equal(reference, api.GetProperty("externalReference").GetString());
        Assert.False(api.GetProperty("highRisk").GetBoolean());
    }

    [Fact]
    public async Task A_refused_trajectory_shows_the_messages_beside_the_fields_keeps_the_input_and_starts_nothing()
    {
        var reference = CaseApi.NewReference("BRB");
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync("/trajectories/new");
        var form = Page.Locator("main form");
        await NewCaseForms.FillTrajectoryAsync(form, reference);
        await form.GetByLabel("Achternaam").FillAsync("");

        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Traject starten" }).SubmitAsync();

        Assert.Equal(400, response.Status);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        form = Page.Locator("main form");
        var surname = form.GetByLabel("Achternaam");
        await Expect(surname).ToHaveAttributeAsync("aria-invalid", "true");
        var message = Page.Locator($"[id='{(await surname.GetAttributeAsync("aria-describedby"))!.Split(' ').Last()}']");
        await Expect(message).ToHaveClassAsync(new Regex("field-error"));
        await Expect(message).ToContainTextAsync("Vul dit in.");
        await Expect(form.GetByLabel("Kenmerk van de melding")).ToHaveValueAsync(reference);
        await Expect(form.GetByLabel("Inrichting")).ToHaveValueAsync("PI Zaanstad");

        // Corrected, the same reference starts a new trajectory: the refused post stored nothing under it.
        await surname.FillAsync("Jansen");
        response = await form.GetByRole(AriaRole.Button, new() { Name = "Traject starten" }).SubmitAsync();

        Assert.Equal(303, response.Status);
        await Expect(Page).ToHaveURLAsync(new Regex("\\?gestart=1$"));
    }

    [Fact]
    public async Task A_corporation_sends_one_signal_by_form_and_sees_it_listed_with_its_coarse_status()
    {
        var reference = CaseApi.NewReference("HUUR");
        var othersSignal = CaseApi.Signal();
        await Api.CreateSignalAsync(othersSignal, App.Keys.CorporationB);
        await Page.SignInAsAsync("user-demo-corp-a");
        await Expect(Page).ToHaveURLAsync(new Regex("/corporation$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Signalen van uw corporatie", Level = 1 })).ToBeVisibleAsync();

        var form = Page.Locator("form[action='/corporation/signals']");
        await NewCaseForms.FillSignalAsync(form, reference);
        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Signaal sturen" }).SubmitAsync();

        Assert.Equal(303, response.Status);
        await Expect(Page.Notice()).ToContainTextAsync("Het signaal is ontvangen");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        // The list is the corporation's index, which the case writes moments after it starts.
        await Page.ReloadUntilAsync(async () => await row.CountAsync() == 1, "the new signal is listed");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Ontvangen");
        // Only the corporation's own signals, and nothing of the household.
        await Expect(Page.GetByText(othersSignal["externalReference"]!.GetValue<string>())).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Table).First).Not.ToContainTextAsync("Dorpsstraat");
    }

    [Fact]
    public async Task A_refused_signal_form_shows_the_messages_beside_the_fields()
    {
        await Page.SignInAsAsync("user-demo-corp-a", "/corporation");
        var form = Page.Locator("form[action='/corporation/signals']");
        await NewCaseForms.FillSignalAsync(form, CaseApi.NewReference("HUUR"));
        await form.GetByLabel("Postcode").FillAsync("12345");
        await form.GetByLabel("Wij hebben de huurder gewezen op schuldhulpverlening").UncheckAsync();

        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Signaal sturen" }).SubmitAsync();

        Assert.Equal(400, response.Status);
        form = Page.Locator("form[action='/corporation/signals']");
        var postalCode = form.GetByLabel("Postcode");
        await Expect(postalCode).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator($"[id='{(await postalCode.GetAttributeAsync("aria-describedby"))!.Split(' ').Last()}']")).ToContainTextAsync("Vul een postcode in zoals 1501 AB.");
        var step = form.GetByLabel("Wij hebben de huurder gewezen op schuldhulpverlening");
        await Expect(step).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator($"[id='{await step.GetAttributeAsync("aria-describedby")}']")).ToContainTextAsync("Vink aan dat deze stap is gezet");
        await Expect(form.GetByLabel("Achternaam")).ToHaveValueAsync("Dijk");
    }

    [Fact]
    public async Task A_csv_upload_answers_per_row_created_duplicate_or_invalid_with_the_reasons()
    {
        var good = CaseApi.NewReference("HUUR");
        var bad = CaseApi.NewReference("HUUR");
        var csv = new StringBuilder()
            .AppendLine("externalReference;municipalityCode;initials;surname;street;houseNumber;postalCode;city;arrearsAmount;arrearsSince;arrearsMonths;monthlyRent;stage;personalContactAttempted;pointedToDebtHelp;writtenReminderSent;tenantDidNotObject")
            .AppendLine($"{good};GM0479;A.;Bakker;Kerkstraat;{CaseApi.NextHouseNumber()};1501AB;Zaandam;1450,00;2026-09-01;2;725,00;arrears;ja;ja;ja;ja")
            .AppendLine($"{bad};GM0479;B.;Visser;Kerkstraat;{CaseApi.NextHouseNumber()};15X;Zaandam;980,50;2026-08-01;3;650,00;arrears;ja;ja;ja;ja")
            .ToString();
        await Page.SignInAsAsync("user-demo-corp-a", "/corporation");

        var results = await UploadAsync(csv);

        await Expect(results.Locator("caption")).ToHaveTextAsync("Resultaat per regel: 1 nieuw, 0 al eerder gestuurd, 1 afgekeurd");
        await Expect(ResultRow(results, good).Locator("td").Nth(2)).ToHaveTextAsync("Nieuw");
        await Expect(ResultRow(results, bad).Locator("td").Nth(2)).ToContainTextAsync("Afgekeurd");
        await Expect(ResultRow(results, bad).Locator("td").Nth(3)).ToContainTextAsync("postalCode: Vul een postcode in zoals 1501 AB.");
        await Expect(ResultRow(results, bad).Locator("td").Nth(0)).ToHaveTextAsync("3");
        var listed = Page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("nieuwste signalen") }).GetByRole(AriaRole.Row);
        await Page.GotoAsync("/corporation");
        await Page.ReloadUntilAsync(async () => await listed.Filter(new() { HasText = good }).CountAsync() == 1, "the uploaded signal is listed");
        await Expect(listed.Filter(new() { HasText = bad })).ToHaveCountAsync(0);

        // The same file again: the good row is a duplicate, nothing is stored twice.
        results = await UploadAsync(csv);

        await Expect(results.Locator("caption")).ToHaveTextAsync("Resultaat per regel: 0 nieuw, 1 al eerder gestuurd, 1 afgekeurd");
        await Expect(ResultRow(results, good).Locator("td").Nth(2)).ToHaveTextAsync("Al eerder gestuurd");
        await Expect(listed.Filter(new() { HasText = good })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_upload_without_a_file_says_so()
    {
        await Page.SignInAsAsync("user-demo-corp-a", "/corporation");

        var response = await Page.GetByRole(AriaRole.Button, new() { Name = "Uploaden" }).SubmitAsync();

        Assert.Equal(400, response.Status);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Kies een CSV-bestand om te uploaden.");
    }

    private async Task<ILocator> UploadAsync(string csv)
    {
        var upload = Page.Locator("form[action='/corporation/batch']");
        await upload.GetByLabel("CSV-bestand").SetInputFilesAsync(new FilePayload
        {
            Name = "signalen.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        var response = await upload.GetByRole(AriaRole.Button, new() { Name = "Uploaden" }).SubmitAsync();
        Assert.Equal(200, response.Status);
        return Page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^Resultaat per regel") });
    }

    private static ILocator ResultRow(ILocator results, string reference) =>
        results.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });

    [GeneratedRegex("/cases/trajectory/([^/?]+)\\?gestart=1$")]
    private static partial Regex TrajectoryCase();
}
