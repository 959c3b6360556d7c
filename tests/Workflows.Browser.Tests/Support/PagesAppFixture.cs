using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Testing;

namespace Workflows.Browser.Tests.Support;

/// <summary>
/// The real app for one test class (a class fixture), as a developer runs it: the Development environment (the
/// seeded users' sign-in page, seeded API keys), its own in-memory Azurite, the real Durable Task runtime and a
/// virtual business clock (<see cref="PagesAppFactory"/>: Monday 2 November 2026, 08:00 UTC, running on with real time).
/// The browser needs a real TCP port, so the app runs on Kestrel on a free loopback port, not on a test server.
/// </summary>
public sealed class PagesAppFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private PagesAppFactory? _app;
    private HttpClient? _http;
    private SeededKeys? _keys;

    public PagesAppFactory App => _app ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public SeededKeys Keys => _keys ?? throw new InvalidOperationException("The app is not seeded.");

    /// <summary>The API, as the corporations' and coordinators' systems use it (cases are created this way).</summary>
    public CaseApi Api => new(_http ?? throw new InvalidOperationException("The app is not started."), Keys);

    public async Task InitializeAsync()
    {
        var ct = TestTimeout.Token(TimeSpan.FromSeconds(120));
        await _azurite.InitializeAsync();
        _app = new PagesAppFactory(_azurite.ConnectionString, AzuriteFixture.NewPrefix());
        _app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app.StartServer();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        BaseUrl = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) + "/");
        _http = new HttpClient { BaseAddress = BaseUrl };

        await Eventually.TrueAsync(async () =>
        {
            using var health = await _http.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
            return health.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(90), "the host is up", ct);
        await Eventually.TrueAsync(async () =>
        {
            _keys = await SeededKeys.ReadAsync(_app.CredentialsFile, ct);
            return true;
        }, TimeSpan.FromSeconds(60), "Development seeding wrote its keys", ct);
    }

    /// <summary>Moves business time forward (timers on the way fire), e.g. to make a step overdue.</summary>
    public Task AdvanceAsync(TimeSpan by) => App.AdvanceAsync(by, TestTimeout.Token(TimeSpan.FromSeconds(90)));

    /// <summary>Today in business time (the virtual clock, in the Netherlands).</summary>
    public DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
            File.Delete(_app.CredentialsFile);
        }

        await _azurite.DisposeAsync();
        if (_app is not null && Directory.Exists(_app.MailDirectory))
        {
            Directory.Delete(_app.MailDirectory, recursive: true);
        }
    }
}
