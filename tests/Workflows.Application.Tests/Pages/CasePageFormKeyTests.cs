using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Pages;

/// <summary>
/// Each rendering of a case page gives its forms keys of their own (a double submit of one form records once, a second
/// attempt from a fresh page records again): found on a fresh clone, where every form carried the literal "FormKey".
/// </summary>
public sealed partial class CasePageFormKeyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Two_contact_attempts_from_two_renderings_of_the_case_page_are_both_recorded()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        using var corporation = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);
        var id = await SignalsTestApp.CreateAsync(corporation, SignalSamples.Signal("PAGE-TWICE"), _ct);
        using var session = new PageSession(app);
        await session.SignInAsync("coordinator-zaanstad", _ct);

        var keys = new List<string>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (status, html) = await session.GetAsync($"/cases/signal/{id}", _ct);
            Assert.Equal(HttpStatusCode.OK, status);
            var formKeys = FormKey().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(formKeys.Count, formKeys.Distinct(StringComparer.Ordinal).Count()); // no two forms share a key
            var contactKey = Assert.Single(formKeys, k => k.EndsWith("-contact", StringComparison.Ordinal));
            Assert.Matches("^[0-9a-f]{32}-contact$", contactKey);
            keys.Add(contactKey);
            using var posted = await session.PostAsync(
                $"/cases/signal/{id}/events",
                [new("type", "contact-attempted"), new("formKey", contactKey), new("channel", "phone"), new("reached", "false")],
                _ct);
            Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        }

        Assert.NotEqual(keys[0], keys[1]);
        var client = app.Services.GetRequiredService<Workflows.Orchestrations.Client.CaseClient>();
        await Eventually.TrueAsync(
            async () => (await client.GetHistoryAsync(id, _ct)).Count(h => h.Name == "contact-attempted") == 2,
            because: "each rendering's form is a contact attempt of its own", cancellationToken: _ct);
    }

    [GeneratedRegex("name=\"formKey\" value=\"([^\"]*)\"")]
    private static partial Regex FormKey();
}
