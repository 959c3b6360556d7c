using System.Buffers.Binary;
using System.Text;
using Microsoft.Playwright;
using Workflows.Browser.Tests.Support;
using Workflows.Testing;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Browser.Tests;

/// <summary>
/// The README's screenshots (PAGES.md: "Screenshots of the main pages are kept in the repository"): a small demo
/// (signals, one urgent, a trajectory, some recorded actions), then full-page PNGs 1280 pixels wide of the
/// worklist, a signal case, a trajectory case and the corporation page. Written to <c>docs/screenshots/</c> only
/// with <c>WORKFLOWS_SCREENSHOTS=1</c> (<c>WORKFLOWS_SCREENSHOTS=1 dotnet test tests/Workflows.Browser.Tests
/// --filter Screenshots</c>); otherwise to a temporary folder, so ordinary runs leave the repository alone.
/// </summary>
public sealed class Screenshots(PagesAppFixture app, BrowserFixture browser) : PageTest(app, browser)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Main_pages_are_written_as_full_page_pngs()
    {
        var folder = Environment.GetEnvironmentVariable("WORKFLOWS_SCREENSHOTS") == "1"
            ? Path.Combine(AzuriteFixture.RepoRoot, "docs", "screenshots")
            : Path.Combine(Path.GetTempPath(), "workflows-tests", $"screenshots-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var (signal, trajectory) = await SeedDemoAsync();

        await Page.SignInAsAsync("coordinator-zaanstad", "/worklist");
        await Expect(Page.Locator("table.worklist")).ToBeVisibleAsync();
        await ShootAsync(folder, "worklist.png");

        await Page.GotoAsync($"/cases/signal/{signal}");
        await Page.ReloadUntilAsync(async () => await Page.Timeline().CountAsync() > 0, "the history is written");
        await ShootAsync(folder, "signal-case.png");

        await Page.GotoAsync($"/cases/trajectory/{trajectory}");
        await Expect(Page.Steps()).ToBeVisibleAsync();
        await ShootAsync(folder, "trajectory-case.png");

        var corporation = await NewPageAsync();
        await corporation.SignInAsAsync("user-demo-corp-a", "/corporation");
        await corporation.Locator("form[action='/corporation/batch']").GetByLabel("CSV-bestand").SetInputFilesAsync(new FilePayload
        {
            Name = "signalen.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(
                "externalReference;municipalityCode;initials;surname;street;houseNumber;postalCode;city;arrearsAmount;arrearsSince;arrearsMonths;monthlyRent;stage;personalContactAttempted;pointedToDebtHelp;writtenReminderSent;tenantDidNotObject\n" +
                $"HUUR-2026-000311;GM0479;K.;Bos;Kerkstraat;{CaseApi.NextHouseNumber()};1501AB;Zaandam;1210,00;2026-09-01;2;605,00;arrears;ja;ja;ja;ja\n" +
                $"HUUR-2026-000312;GM0479;L.;Mulder;Kerkstraat;{CaseApi.NextHouseNumber()};15X;Zaandam;880,00;2026-08-01;3;440,00;arrears;ja;ja;ja;nee\n"),
        });
        await corporation.GetByRole(AriaRole.Button, new() { Name = "Uploaden" }).SubmitAsync();
        await Expect(corporation.GetByRole(AriaRole.Table, new() { Name = "Resultaat per regel" })).ToBeVisibleAsync();
        await ShootAsync(folder, "corporation.png", corporation);
        await corporation.Context.DisposeAsync();

        foreach (var name in new[] { "worklist.png", "signal-case.png", "trajectory-case.png", "corporation.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, name));
            Assert.True(bytes.Length > 10_000, $"{name}: only {bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes[..8]);
            // IHDR, the first chunk, holds the width: the viewport's, the page not wider than it.
            Assert.Equal(BrowserFixture.ViewportWidth, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
            Assert.True(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)) >= 600, $"{name} is a full page");
        }

        if (!folder.StartsWith(AzuriteFixture.RepoRoot, StringComparison.Ordinal))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A small, plausible day: four signals (one with an eviction date), two trajectories, work done on some.</summary>
    private async Task<(string Signal, string Trajectory)> SeedDemoAsync()
    {
        var signals = new List<string>();
        foreach (var (surname, urgent) in new[] { ("Dijk", false), ("Yilmaz", true), ("de Vries", false), ("Bakker", false) })
        {
            signals.Add(await Api.CreateSignalAsync(CaseApi.Signal(urgent: urgent, surname: surname)));
        }

        var trajectory = await Api.CreateTrajectoryAsync();
        var second = CaseApi.Trajectory();
        second["expectedReleaseDate"] = "2026-12-04";
        await Api.CreateTrajectoryAsync(second);
        // The next working day: untriaged signals are late, as on a real worklist.
        await App.AdvanceAsync(TimeSpan.FromDays(1));

        var shown = signals[0];
        await Api.RecordAsync("signal", shown, new() { ["type"] = "triaged", ["assignee"] = "coordinator-zaanstad", ["note"] = "Bekend bij wijkteam." });
        await Api.RecordAsync("signal", shown, new() { ["type"] = "contact-attempted", ["channel"] = "phone", ["reached"] = false });
        await Api.RecordAsync("signal", shown, new() { ["type"] = "contact-attempted", ["channel"] = "home-visit", ["reached"] = true, ["note"] = "Mevrouw thuis getroffen; wil hulp." });
        await Api.RecordAsync("signal", shown, new() { ["type"] = "help-offered" });
        await Api.RecordAsync("signal", signals[2], new() { ["type"] = "triaged", ["assignee"] = "teamlead-zaanstad" });
        await Api.RecordAsync("trajectory", trajectory, new() { ["type"] = "intake-completed", ["consent"] = new System.Text.Json.Nodes.JsonObject { ["housing"] = true, ["income"] = true, ["identity-document"] = true } });
        await Api.RecordAsync("trajectory", trajectory, new() { ["type"] = "condition-updated", ["condition"] = "identity-document", ["status"] = "arranged" });
        await Api.RecordAsync("trajectory", trajectory, new() { ["type"] = "condition-updated", ["condition"] = "housing", ["status"] = "in-progress", ["note"] = "Aanmelding maatschappelijke opvang loopt." });
        return (shown, trajectory);
    }

    private async Task ShootAsync(string folder, string name, IPage? page = null) =>
        await (page ?? Page).ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true, Type = ScreenshotType.Png });
}
