using Microsoft.Playwright;

namespace Workflows.Browser.Tests.Support;

/// <summary>
/// One headless Chromium per test class (a class fixture): Debian's <c>/usr/bin/chromium</c>, never a browser
/// Playwright downloads (only the package registries are reachable here and on CI). Each test opens a fresh
/// context of its own (<see cref="NewContextAsync"/>), so no cookie or storage leaks from one test to the next.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The PNG screenshots' width and the default viewport (desktop).</summary>
    public const int ViewportWidth = 1280;

    // Without the background-networking flags Chromium phones home at start; the closed network refuses those
    // connections, which costs time and clutters the log. No sandbox: the tests run as root in a container.
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} not found: apt-get install chromium (test.sh does this when the browser tests exist).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
        });
    }

    /// <summary>A new, empty context (cookies, storage) on <paramref name="baseUrl"/>, Dutch, desktop-sized.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl, bool javaScriptEnabled = true)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString().TrimEnd('/'),
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = ViewportWidth, Height = 900 },
        });
        // A post waits for the case to show the change (API.md "When a change shows"), a few seconds at most;
        // generous limits so a slow machine fails on a real problem, not on a timeout.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
