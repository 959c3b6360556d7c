using Microsoft.Playwright;

namespace Workflows.Browser.Tests.Support;

/// <summary>The forms that start a case (/trajectories/new, the corporation's one signal), filled as a user would.</summary>
public static class NewCaseForms
{
    /// <summary>Fills the new-trajectory form with the README's example (release expected 15 February 2027).</summary>
    public static async Task FillTrajectoryAsync(ILocator form, string reference)
    {
        await form.GetByLabel("Kenmerk van de melding").FillAsync(reference);
        await form.GetByLabel("Voorletters").FillAsync("P.");
        await form.GetByLabel("Achternaam").FillAsync("Jansen");
        await form.GetByLabel("Geboortedatum").FillAsync("1991-07-03");
        await form.GetByLabel("Inrichting").FillAsync("PI Zaanstad");
        await form.GetByLabel("Begin detentie").FillAsync("2026-10-26");
        await form.GetByLabel("Datum van melding").FillAsync("2026-10-28");
        await form.GetByLabel("Verwachte datum van vrijlating").FillAsync("2027-02-15");
        await form.AnswerAsync("Hoog risico?", yes: false);
    }

    /// <summary>Fills the corporation's one-signal form with a valid signal to Zaanstad at an address of its own.</summary>
    public static async Task FillSignalAsync(ILocator form, string reference)
    {
        await form.GetByLabel("Uw kenmerk").FillAsync(reference);
        await form.GetByLabel("Voorletters").FillAsync("J.");
        await form.GetByLabel("Tussenvoegsel").FillAsync("van");
        await form.GetByLabel("Achternaam").FillAsync("Dijk");
        await form.GetByLabel("Straat").FillAsync("Dorpsstraat");
        await form.GetByLabel("Huisnummer").FillAsync(CaseApi.NextHouseNumber().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Postcode").FillAsync("1501 AB");
        await form.GetByLabel("Plaats").FillAsync("Zaandam");
        await form.GetByLabel("Bedrag (euro)").FillAsync("1450,00");
        await form.GetByLabel("Sinds").FillAsync("2026-09-01");
        await form.GetByLabel("Aantal maanden").FillAsync("2");
        await form.GetByLabel("Maandhuur (euro)").FillAsync("725,00");
        foreach (var step in await form.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await step.CheckAsync();
        }
    }
}
