using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests.Support;

/// <summary>
/// What a user does on the pages, by what they see: buttons and fields by their accessible names (which also
/// checks that labels are tied to their inputs), forms by their headings.
/// </summary>
public static partial class PageActions
{
    /// <summary>Signs in on the Development page as a seeded user and waits for the page the sign-in leads to.</summary>
    public static async Task SignInAsAsync(this IPage page, string user, string returnUrl = "/")
    {
        await page.GotoAsync($"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Aanmelden als {user}", Exact = true }).SubmitAsync();
        await Expect(page).Not.ToHaveURLAsync(SignInUrl());
    }

    /// <summary>
    /// Clicks a form's submit button and waits for what the post answered: the page it redirected to (303 after a
    /// recorded action) or the page it showed (the form again, 400). Answers the post's own response.
    /// </summary>
    public static async Task<IResponse> SubmitAsync(this ILocator button)
    {
        var page = button.Page;
        IResponse? post = null;
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnResponse(object? sender, IResponse response)
        {
            if (response.Request.Method == "POST" && response.Request.IsNavigationRequest && response.Frame == page.MainFrame)
            {
                post ??= response;
            }
        }

        // The page's load event: the document the post (and its redirects) finally showed. Waiting for the URL
        // instead races with a fast local server (the new document can load before its URL is seen).
        void OnLoad(object? sender, IPage loadedPage)
        {
            if (post is not null)
            {
                loaded.TrySetResult();
            }
        }

        page.Response += OnResponse;
        page.Load += OnLoad;
        try
        {
            await button.ClickAsync();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No page loaded within 30 s after the post (post answered {post?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}; now at {page.Url}).");
        }
        finally
        {
            page.Response -= OnResponse;
            page.Load -= OnLoad;
        }

        return post!;
    }

    /// <summary>An action form on the case page: the <c>section</c> whose heading is <paramref name="title"/>.</summary>
    public static ILocator Action(this IPage page, string title) =>
        page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true, Level = 3 }) });

    /// <summary>Clicks the action's own submit button (named like its heading unless told otherwise).</summary>
    public static Task<IResponse> SubmitActionAsync(this IPage page, string title, string? button = null) =>
        page.Action(title).GetByRole(AriaRole.Button, new() { Name = button ?? title, Exact = true }).SubmitAsync();

    /// <summary>A yes/no question (a fieldset with a legend) answered Ja or Nee.</summary>
    public static Task AnswerAsync(this ILocator scope, string question, bool yes) =>
        scope.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($"^{Regex.Escape(question)}(\\s|$)") })
            .GetByLabel(yes ? "Ja" : "Nee", new() { Exact = true }).CheckAsync();

    /// <summary>Chooses an option of a labelled select by its visible text.</summary>
    public static Task ChooseAsync(this ILocator scope, string label, string option) =>
        scope.GetByLabel(label).SelectOptionAsync(new SelectOptionValue { Label = option });

    /// <summary>The table of the case's steps (caption "Stappen en termijnen").</summary>
    public static ILocator Steps(this IPage page) => page.GetByRole(AriaRole.Table, new() { Name = "Stappen en termijnen" });

    /// <summary>The steps table's row of the step labelled <paramref name="label"/>.</summary>
    public static ILocator Step(this IPage page, string label) =>
        page.Steps().GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = label, Exact = true }) });

    /// <summary>A step's status cell (Open, Te laat, Gedaan, Vervallen, Wacht).</summary>
    public static ILocator StepStatus(this IPage page, string label) => page.Step(label).Locator("td").Nth(2);

    /// <summary>A step's due date cell.</summary>
    public static ILocator StepDue(this IPage page, string label) => page.Step(label).Locator("td").Nth(1);

    /// <summary>The entries of the case's timeline (newest first).</summary>
    public static ILocator Timeline(this IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Tijdlijn" }).GetByRole(AriaRole.Listitem);

    /// <summary>The value beside a term of the case summary (a <c>dt</c>/<c>dd</c> pair), e.g. "Status".</summary>
    public static ILocator Fact(this IPage page, string term) =>
        page.Locator("dl.case-summary dt").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(term)}$") }).First.Locator("xpath=following-sibling::dd[1]");

    /// <summary>The page's notice after a post (role=status).</summary>
    public static ILocator Notice(this IPage page) => page.GetByRole(AriaRole.Status);

    /// <summary>
    /// Fills and submits one action form of the case page, then checks what the user sees: the case again (303)
    /// with the notice "Vastgelegd: ..." and the action's line once more in the timeline. When the runtime was slow
    /// the notice asks to refresh the page (API.md "When a change shows"), and this refreshes until the line is there.
    /// </summary>
    public static async Task RecordAsync(this IPage page, string action, Func<ILocator, Task>? fill = null)
    {
        var before = await page.Timeline().AllInnerTextsAsync();
        var form = page.Action(action);
        if (fill is not null)
        {
            await fill(form);
        }

        var response = await form.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).SubmitAsync();

        Assert.True(response.Status == 303, $"{action}: the post answered {response.Status}, showing:\n{await page.Locator("main").InnerTextAsync()}");
        await Expect(page.Notice()).ToContainTextAsync("Vastgelegd:");
        // "Vastgelegd: Contactpoging vastgelegd." names the timeline's line of the action.
        var line = Recorded().Match(await page.Notice().InnerTextAsync()).Groups[1].Value;
        var earlier = before.Count(t => t.Contains(line, StringComparison.Ordinal));
        await page.ReloadUntilAsync(
            async () => (await page.Timeline().AllInnerTextsAsync()).Count(t => t.Contains(line, StringComparison.Ordinal)) > earlier,
            $"the timeline shows \"{line}\" after {action}");
    }

    /// <summary>
    /// Reloads the page until <paramref name="shown"/> holds: for what the runtime writes just after a request
    /// (index rows of a new case, API.md "When a change shows"), as a user would refresh.
    /// </summary>
    public static Task ReloadUntilAsync(this IPage page, Func<Task<bool>> shown, string because) =>
        Workflows.Testing.Eventually.TrueAsync(async () =>
        {
            if (await shown())
            {
                return true;
            }

            await page.ReloadAsync();
            return false;
        }, because: because);

    /// <summary>
    /// Waits until the step shows <paramref name="status"/>. A post answers once the case shows the change, or,
    /// when the runtime is slow, with "vernieuw de pagina" (API.md "When a change shows"): then it reloads, as the
    /// user is told to.
    /// </summary>
    public static async Task ExpectStepAsync(this IPage page, string label, string status)
    {
        if (await page.Notice().CountAsync() > 0 && (await page.Notice().InnerTextAsync()).Contains("vernieuw", StringComparison.Ordinal))
        {
            await Workflows.Testing.Eventually.TrueAsync(async () =>
            {
                await page.ReloadAsync();
                return (await page.StepStatus(label).InnerTextAsync()).Contains(status, StringComparison.Ordinal);
            }, because: $"step {label} shows {status}");
        }

        await Expect(page.StepStatus(label)).ToContainTextAsync(status);
    }

    [GeneratedRegex("/sign-in")]
    private static partial Regex SignInUrl();

    [GeneratedRegex("^Vastgelegd: ([^.]+)\\.")]
    private static partial Regex Recorded();
}
