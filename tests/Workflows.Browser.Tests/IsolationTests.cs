using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// What the pages refuse (PAGES.md "Expectations"): another municipality's case answers 404 like an unknown id,
/// and a form without its antiforgery token is refused and records nothing.
/// </summary>
public sealed class IsolationTests(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    [Theory]
    [InlineData("signal")]
    [InlineData("trajectory")]
    public async Task A_case_of_another_municipality_is_not_found_like_an_unknown_one(string kind)
    {
        var id = kind == "signal" ? await Api.CreateSignalAsync() : await Api.CreateTrajectoryAsync();
        await Page.SignInAsAsync("coordinator-purmerend");

        var response = await Page.GotoAsync($"/cases/{kind}/{id}");

        Assert.Equal(404, response!.Status);
        var shown = await Page.GetByRole(AriaRole.Main).InnerTextAsync();
        Assert.Contains("Deze pagina of zaak bestaat niet", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(id, shown, StringComparison.Ordinal);
        var unknown = await Page.GotoAsync($"/cases/{kind}/{id[..^4]}zzzz");
        Assert.Equal(404, unknown!.Status);
        Assert.Equal(shown, await Page.GetByRole(AriaRole.Main).InnerTextAsync());

        // A valid post of the user's own session (token included) to that case is not found either, and changes nothing.
        var token = await Page.Locator("input[name='__RequestVerificationToken']").First.InputValueAsync();
        var form = Context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("formKey", Guid.NewGuid().ToString("N"));
        form = kind == "signal" ? form.Set("type", "triaged").Set("assignee", "coordinator-purmerend") : form.Set("type", "closed").Set("reason", "other");
        var post = await Context.APIRequest.PostAsync($"/cases/{kind}/{id}/events", new() { Form = form, MaxRedirects = 0 });

        Assert.Equal(404, post.Status);
        var after = await Api.GetAsync(kind, id);
        if (kind == "signal")
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("assignee").ValueKind);
        }
        else
        {
            Assert.Equal("detained", after.GetProperty("phase").GetString());
        }
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_records_nothing()
    {
        var id = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync($"/cases/signal/{id}");
        var form = Page.Action("Contactpoging vastleggen");
        await form.ChooseAsync("Kanaal", "Telefoon");
        await form.AnswerAsync("Bereikt?", yes: true);
        // As a forged cross-site form would: everything but the token.
        await form.Locator("input[name='__RequestVerificationToken']").EvaluateAsync("input => input.remove()");

        var response = await form.GetByRole(AriaRole.Button, new() { Name = "Contactpoging vastleggen" }).SubmitAsync();

        Assert.Equal(400, response.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Formulier niet geaccepteerd", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Er is niets vastgelegd.");

        // The same post from the signed-in context's request API (cookies included, token field missing).
        var direct = await Context.APIRequest.PostAsync($"/cases/signal/{id}/events", new()
        {
            Form = Context.APIRequest.CreateFormData().Set("type", "contact-attempted").Set("channel", "phone").Set("reached", "true").Set("formKey", Guid.NewGuid().ToString("N")),
            MaxRedirects = 0,
        });
        Assert.Equal(400, direct.Status);
        Assert.Contains("Formulier niet geaccepteerd", await direct.TextAsync(), StringComparison.Ordinal);

        await Page.GotoAsync($"/cases/signal/{id}");
        await Expect(Page.Timeline().Filter(new() { HasText = "Contactpoging vastgelegd" })).ToHaveCountAsync(0);
        await Expect(Page.StepStatus("Eerste contactpoging")).ToHaveTextAsync("Open");
        Assert.Equal(0, (await Api.GetAsync("signal", id)).GetProperty("contactAttempts").GetArrayLength());
    }

    [Fact]
    public async Task A_token_of_another_session_is_refused()
    {
        var id = await Api.CreateSignalAsync();
        // The token the sign-in page gave a signed-out visitor is not the signed-in user's.
        var other = await NewPageAsync();
        await other.GotoAsync("/sign-in");
        var foreignToken = await other.Locator("input[name='__RequestVerificationToken']").First.InputValueAsync();
        await Page.SignInAsAsync("coordinator-zaanstad");

        var post = await Context.APIRequest.PostAsync($"/cases/signal/{id}/events", new()
        {
            Form = Context.APIRequest.CreateFormData().Set("__RequestVerificationToken", foreignToken).Set("type", "help-offered").Set("formKey", Guid.NewGuid().ToString("N")),
            MaxRedirects = 0,
        });

        Assert.Equal(400, post.Status);
        Assert.False((await Api.GetAsync("signal", id)).GetProperty("helpOffered").GetBoolean());
        await other.Context.DisposeAsync();
    }
}
