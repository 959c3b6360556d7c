using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Audit;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Pages;

/// <summary>
/// The pages' security (PAGES.md "Expectations"): headers, cookie flags, the Development-only sign-in, local return
/// addresses only, antiforgery, tenant isolation (404), the access log, and a session cookie the API refuses.
/// </summary>
public sealed class PageSecurityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Pages_send_a_content_security_policy_no_caching_no_sniffing_and_no_framing()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/sign-in", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var html = await response.Content.ReadAsStringAsync(_ct);
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_lax_and_the_antiforgery_cookie_is_secure_outside_development()
    {
        await using var development = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var session = new PageSession(development);
        await session.GetAsync("/sign-in", _ct);
        using var signIn = await session.PostAsync("/sign-in", [new("user", "coordinator-zaanstad"), new("returnUrl", "/worklist")], _ct);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflows.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        await using var production = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var page = await client.GetAsync(new Uri("/sign-in", UriKind.Relative), _ct);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflows.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Outside_development_there_is_no_list_of_users_and_posting_one_signs_nobody_in()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var session = new PageSession(app);
        var (status, html) = await session.GetAsync("/sign-in", _ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("coordinator-zaanstad", html, StringComparison.Ordinal);
        Assert.Contains("nog niet ingericht", html, StringComparison.Ordinal);

        // No form to take a token from: the post is refused whichever way it is made.
        Assert.Null(session.Token);
        using var signIn = await session.PostAsync("/sign-in", [new("user", "coordinator-zaanstad"), new("returnUrl", "/worklist")], _ct);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("workflows.session=", StringComparison.Ordinal)));
        var (worklist, _) = await session.GetAsync("/worklist", _ct);
        Assert.Equal(HttpStatusCode.Redirect, worklist);
    }

    [Fact]
    public async Task A_page_that_needs_sign_in_sends_there_and_back_but_never_to_another_site()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var session = new PageSession(app);
        using (var response = await session.Client.GetAsync(new Uri("/cases/signal/sig-unknown", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.EndsWith("/sign-in?returnUrl=%2Fcases%2Fsignal%2Fsig-unknown", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal("/cases/signal/sig-unknown", await session.SignInAsync("coordinator-zaanstad", _ct, "/cases/signal/sig-unknown"));
        foreach (var elsewhere in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example" })
        {
            Assert.Equal("/", await session.SignInAsync("coordinator-zaanstad", _ct, elsewhere));
        }
    }

    [Fact]
    public async Task A_case_of_another_municipality_answers_404_like_an_unknown_one_and_takes_no_event()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var corporation = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);
        var id = await SignalsTestApp.CreateAsync(corporation, SignalSamples.Signal("PAGE-404"), _ct);

        using var purmerend = new PageSession(app);
        await purmerend.SignInAsync("coordinator-purmerend", _ct);
        var (other, otherHtml) = await purmerend.GetAsync($"/cases/signal/{id}", _ct);
        var (unknown, unknownHtml) = await purmerend.GetAsync("/cases/signal/sig-doesnotexist", _ct);
        Assert.Equal(HttpStatusCode.NotFound, other);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(MainOf(unknownHtml), MainOf(otherHtml));
        Assert.DoesNotContain("Dijk", otherHtml, StringComparison.Ordinal);

        await purmerend.GetAsync("/worklist", _ct);
        using var post = await purmerend.PostAsync($"/cases/signal/{id}/events", [new("type", "help-offered"), new("formKey", "k1")], _ct);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var history = await app.Services.GetRequiredService<Workflows.Orchestrations.Client.CaseClient>().GetHistoryAsync(id, _ct);
        Assert.DoesNotContain(history, h => h.Name == "help-offered");
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_and_records_nothing_while_with_it_the_case_moves()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var corporation = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);
        var id = await SignalsTestApp.CreateAsync(corporation, SignalSamples.Signal("PAGE-CSRF"), _ct);
        using var session = new PageSession(app);
        await session.SignInAsync("coordinator-zaanstad", _ct);
        var (status, html) = await session.GetAsync($"/cases/signal/{id}", _ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<title>Signaal " + id + " · Workflows</title>", html, StringComparison.Ordinal);

        KeyValuePair<string, string>[] contact = [new("type", "contact-attempted"), new("formKey", "k-csrf"), new("channel", "phone"), new("reached", "true")];
        using (var refused = await session.PostAsync($"/cases/signal/{id}/events", contact, _ct, withToken: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Formulier niet geaccepteerd", await refused.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
        }

        var client = app.Services.GetRequiredService<Workflows.Orchestrations.Client.CaseClient>();
        Assert.DoesNotContain(await client.GetHistoryAsync(id, _ct), h => h.Name == "contact-attempted");

        using (var accepted = await session.PostAsync($"/cases/signal/{id}/events", contact, _ct))
        {
            Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
            Assert.Equal($"/cases/signal/{id}?gedaan=contact-attempted", accepted.Headers.Location!.OriginalString);
        }

        // Posted twice (a double click, the back button): the form's own key records it once.
        using (var again = await session.PostAsync($"/cases/signal/{id}/events", contact, _ct))
        {
            Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        }

        Assert.Single(await client.GetHistoryAsync(id, _ct), h => h.Name == "contact-attempted");
        var (_, after) = await session.GetAsync($"/cases/signal/{id}?gedaan=contact-attempted", _ct);
        Assert.Contains("Vastgelegd: Contactpoging vastgelegd.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_view_of_a_case_page_is_in_the_access_log()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var corporation = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);
        var id = await SignalsTestApp.CreateAsync(corporation, SignalSamples.Signal("PAGE-LOG"), _ct);
        using var session = new PageSession(app);
        await session.SignInAsync("teamlead-zaanstad", _ct);
        await session.GetAsync($"/cases/signal/{id}", _ct);
        await session.GetAsync($"/cases/signal/{id}", _ct);

        var entries = await app.Services.GetRequiredService<AccessLog>().ForCaseAsync(id, 10, _ct);
        Assert.Equal(2, entries.Count(e => e.StaffId == "teamlead-zaanstad" && e.Action == "read"));
    }

    [Fact]
    public async Task The_api_does_not_take_the_session_cookie_and_a_role_page_refuses_other_roles()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var session = new PageSession(app);
        Assert.Equal("/", await session.SignInAsync("coordinator-zaanstad", _ct));
        using (var api = await session.Client.GetAsync(new Uri("/api/v1/worklist", UriKind.Relative), _ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }

        var (worklist, _) = await session.GetAsync("/worklist", _ct);
        Assert.Equal(HttpStatusCode.OK, worklist);
        var (adminPage, adminHtml) = await session.GetAsync("/admin/access-log", _ct);
        Assert.Equal(HttpStatusCode.Forbidden, adminPage);
        Assert.Contains("Geen toegang", adminHtml, StringComparison.Ordinal);
        var (corporationPage, _) = await session.GetAsync("/corporation", _ct);
        Assert.Equal(HttpStatusCode.Forbidden, corporationPage);

        using var corporationUser = new PageSession(app);
        Assert.Equal("/", await corporationUser.SignInAsync("user-demo-corp-a", _ct));
        using (var home = await corporationUser.Client.GetAsync(new Uri("/", UriKind.Relative), _ct))
        {
            Assert.Equal("/corporation", home.Headers.Location!.OriginalString);
        }

        var (cases, _) = await corporationUser.GetAsync("/worklist", _ct);
        Assert.Equal(HttpStatusCode.Forbidden, cases);
    }

    private static string MainOf(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
}
