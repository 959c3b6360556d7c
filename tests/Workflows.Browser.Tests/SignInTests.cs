using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// Sign-in (PAGES.md "/sign-in", "/"): the Development page's seeded users, each role's start page, a page that
/// needs sign-in sending the user through it and back, and sign-out.
/// </summary>
public sealed partial class SignInTests(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    [Fact]
    public async Task Signing_in_from_the_development_page_lands_on_the_worklist_and_signing_out_ends_the_session()
    {
        await Page.GotoAsync("/");

        await Expect(Page).ToHaveURLAsync(SignInPath());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Aanmelden", Level = 1 })).ToBeVisibleAsync();
        foreach (var user in new[] { "coordinator-zaanstad", "coordinator-purmerend", "teamlead-zaanstad", "admin", "user-demo-corp-a", "user-demo-corp-b" })
        {
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = $"Aanmelden als {user}", Exact = true })).ToBeVisibleAsync();
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden als coordinator-zaanstad", Exact = true }).SubmitAsync();

        await Expect(Page).ToHaveURLAsync(WorklistPath());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Werkvoorraad", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Banner)).ToContainTextAsync("Aangemeld als coordinator-zaanstad");
        var cookie = (await Context.CookiesAsync()).Single(c => c.Name == "workflows.session");
        Assert.True(cookie.HttpOnly, "the session cookie is HttpOnly");
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).SubmitAsync();

        await Expect(Page).ToHaveURLAsync(SignInPath());
        Assert.DoesNotContain(await Context.CookiesAsync(), c => c.Name == "workflows.session");
        await Page.GotoAsync("/worklist");
        await Expect(Page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Fworklist$"));
    }

    [Theory]
    [InlineData("teamlead-zaanstad", "/worklist")]
    [InlineData("user-demo-corp-a", "/corporation")]
    [InlineData("admin", "/admin/access-log")]
    public async Task Home_sends_each_role_to_its_start_page(string user, string start)
    {
        await Page.SignInAsAsync(user);

        await Page.GotoAsync("/");

        Assert.Equal(start, new Uri(Page.Url).AbsolutePath);
        await Expect(Page.GetByRole(AriaRole.Banner)).ToContainTextAsync($"Aangemeld als {user}");
    }

    [Fact]
    public async Task A_link_from_a_reminder_email_reaches_the_case_after_signing_in()
    {
        var id = await Api.CreateSignalAsync();
        var link = $"/cases/signal/{id}";

        await Page.GotoAsync(link);

        await Expect(Page).ToHaveURLAsync(new Regex($"/sign-in\\?returnUrl={Regex.Escape(Uri.EscapeDataString(link))}$"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden als coordinator-zaanstad", Exact = true }).SubmitAsync();

        Assert.Equal(link, new Uri(Page.Url).AbsolutePath);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Signaal {id}", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Steps()).ToBeVisibleAsync();
        // PAGES.md: no personal data in any page title.
        Assert.DoesNotContain("Dijk", await Page.TitleAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("/sign-in(\\?|$)")]
    private static partial Regex SignInPath();

    [GeneratedRegex("/worklist$")]
    private static partial Regex WorklistPath();
}
