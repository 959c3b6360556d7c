using Microsoft.Playwright;

namespace Workflows.Browser.Tests.Support;

/// <summary>
/// The base of a browser test class: the class shares one app (<see cref="PagesAppFixture"/>) and one browser
/// (<see cref="BrowserFixture"/>); xunit makes a new instance per test, and each gets a fresh browser context
/// (no cookies: signed out) and page.
/// </summary>
public abstract class PageTest(PagesAppFixture app, BrowserFixture browser)
    : IClassFixture<PagesAppFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage? _page;

    protected PagesAppFixture App => app;

    protected BrowserFixture Browser => browser;

    protected CaseApi Api => app.Api;

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("No context yet.");

    protected IPage Page => _page ?? throw new InvalidOperationException("No page yet.");

    /// <summary>False: the context runs no script at all (PAGES.md: every core flow works without JavaScript).</summary>
    protected virtual bool JavaScriptEnabled => true;

    public virtual async Task InitializeAsync()
    {
        _context = await browser.NewContextAsync(app.BaseUrl, JavaScriptEnabled);
        _page = await _context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    /// <summary>Another signed-out context and page of the same browser (a second user in the same test).</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await browser.NewContextAsync(app.BaseUrl, JavaScriptEnabled);
        return await context.NewPageAsync();
    }
}
