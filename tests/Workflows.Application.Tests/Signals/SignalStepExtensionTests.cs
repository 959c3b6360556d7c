using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Orchestrations.Client;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Signals;

/// <summary>step-extended takes step, date and reason (API.md "Staff"), for a signal as for a trajectory.</summary>
public sealed class SignalStepExtensionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Extending_a_step_without_a_date_is_400_naming_the_date_and_leaves_the_case_running()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), _ct);

        using var response = await staff.PostAsync(
            SignalsTestApp.Signal(id, "events"), SignalsTestApp.Json("""{"type":"step-extended","step":"first-contact","reason":"Huurder is op vakantie."}"""), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.Equal(["Required with type step-extended."], problem.GetProperty("errors").GetProperty("date").EnumerateArray().Select(e => e.GetString()));
        // The case runs its first episode in the runtime: once it settled it is running, and the refused extension left no trace.
        await app.Factory.SettleAsync(_ct);
        var status = await app.Factory.Services.GetRequiredService<CaseClient>().GetStatusAsync(id, _ct);
        Assert.Equal("Running", status!.RuntimeStatus.ToString());
        var view = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(id), _ct);
        var step = view.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "first-contact");
        Assert.Equal("2026-11-09", step.GetProperty("due").GetString());
        Assert.Equal(JsonValueKind.Null, step.GetProperty("extensionReason").ValueKind);
    }
}
