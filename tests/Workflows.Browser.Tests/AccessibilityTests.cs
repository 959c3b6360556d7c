using System.Text;
using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// axe-core on every page (PAGES.md: WCAG 2.1 AA, no serious or critical violation on any page), in the states a
/// user meets: with data, and with a refused form's messages.
/// </summary>
public sealed class AccessibilityTests(PagesAppFixture app, BrowserFixture browser, ITestOutputHelper output) : PageTest(app, browser)
{
    [Fact]
    public async Task Sign_in_page()
    {
        await Page.GotoAsync("/sign-in");
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Worklist()
    {
        await Api.CreateSignalAsync(CaseApi.Signal(urgent: true));
        await Api.CreateTrajectoryAsync();
        await Page.SignInAsAsync("coordinator-zaanstad", "/worklist");
        await Expect(Page.Locator("table.worklist")).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Signal_case_with_history()
    {
        var id = await Api.CreateSignalAsync(CaseApi.Signal(urgent: true));
        await Api.RecordAsync("signal", id, new() { ["type"] = "contact-attempted", ["channel"] = "phone", ["reached"] = false, ["note"] = "Voicemail." });
        await Page.SignInAsAsync("coordinator-zaanstad", $"/cases/signal/{id}");
        await Page.ReloadUntilAsync(async () => await Page.Timeline().CountAsync() > 0, "the history is written");
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Signal_case_with_a_refused_form()
    {
        var id = await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad", $"/cases/signal/{id}");
        await Page.SubmitActionAsync("Contactpoging vastleggen");
        await Expect(Page.Locator("p.field-error").First).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Trajectory_case()
    {
        var id = await Api.CreateTrajectoryAsync();
        await Api.RecordAsync("trajectory", id, new() { ["type"] = "condition-updated", ["condition"] = "housing", ["status"] = "problem" });
        await Page.SignInAsAsync("coordinator-zaanstad", $"/cases/trajectory/{id}");
        await Expect(Page.Steps()).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Signals_inbox()
    {
        await Api.CreateSignalAsync(CaseApi.Signal(urgent: true));
        await Api.CreateSignalAsync();
        await Page.SignInAsAsync("coordinator-zaanstad", "/signals");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Toewijzen" }).First).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task New_trajectory_empty_and_refused()
    {
        await Page.SignInAsAsync("coordinator-zaanstad", "/trajectories/new");
        await Page.AssertNoSeriousViolationsAsync(output);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Traject starten" }).SubmitAsync();
        await Expect(Page.Locator("p.field-error").First).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Access_log_with_entries_and_with_a_wrong_filter()
    {
        var id = await Api.CreateSignalAsync();
        await Api.GetAsync("signal", id);
        await Page.SignInAsAsync("admin", $"/admin/access-log?caseId={id}");
        await Expect(Page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);

        await Page.GotoAsync("/admin/access-log?caseId=niet+goed");
        await Expect(Page.Locator("p.field-error")).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Corporation_page_with_upload_results_and_a_refused_form()
    {
        await Page.SignInAsAsync("user-demo-corp-a", "/corporation");
        await Page.Locator("form[action='/corporation/batch']").GetByLabel("CSV-bestand").SetInputFilesAsync(new FilePayload
        {
            Name = "signalen.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(
                "externalReference,municipalityCode,surname,street,houseNumber,postalCode,city,arrearsAmount,arrearsSince,arrearsMonths,monthlyRent,stage,personalContactAttempted,pointedToDebtHelp,writtenReminderSent,tenantDidNotObject\n" +
                $"{CaseApi.NewReference("HUUR")},GM0479,Smit,Kerkstraat,{CaseApi.NextHouseNumber()},1501AB,Zaandam,800.00,2026-09-01,2,400.00,arrears,true,true,true,true\n" +
                $"{CaseApi.NewReference("HUUR")},GM0479,,Kerkstraat,{CaseApi.NextHouseNumber()},1501AB,Zaandam,800.00,2026-09-01,2,400.00,arrears,true,true,true,false\n"),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Uploaden" }).SubmitAsync();
        await Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Resultaat per regel" })).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);

        await Page.GotoAsync("/corporation");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Signaal sturen" }).SubmitAsync();
        await Expect(Page.Locator("p.field-error").First).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Api_documentation()
    {
        await Page.GotoAsync("/docs");
        // Scalar renders the reference from /openapi/v1.json in the page; scan it rendered, not while it loads.
        await Expect(Page.Locator("#api-reference").GetByRole(AriaRole.Heading, new() { Name = "Workflows API" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(Page.Locator("#api-reference").GetByText("/api/v1/instances").First).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync(output);
    }

    [Fact]
    public async Task Not_found_and_forbidden_pages()
    {
        await Page.SignInAsAsync("coordinator-zaanstad");
        await Page.GotoAsync("/cases/signal/sig-bestaatniet");
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("bestaat niet");
        await Page.AssertNoSeriousViolationsAsync(output);

        await Page.GotoAsync("/admin/access-log");
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("niet voor uw rol");
        await Page.AssertNoSeriousViolationsAsync(output);
    }
}
