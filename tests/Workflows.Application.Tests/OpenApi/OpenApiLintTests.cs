using System.Diagnostics;
using System.Text.Json;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.OpenApi;

/// <summary>
/// The document the app serves passes Redocly CLI's recommended rules (redocly.yaml) with no error and no warning:
/// what an integrator's linter or client generator would complain about, CI complains about first.
/// </summary>
public sealed class OpenApiLintTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task Served_document_passes_redocly_recommended_rules_without_warnings(string environment, bool entra)
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString)
        {
            Environment = environment,
            ConfigureServices = entra ? TestEntra.AcceptTokens : null,
        };
        var document = await ServedOpenApi.WriteAsync(app, _ct);

        var (exitCode, output) = await RedoclyLintAsync(document);

        using var report = JsonDocument.Parse(output);
        var totals = report.RootElement.GetProperty("totals");
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at " +
                string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString())))
            .ToList();
        Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0 && exitCode == 0,
            $"redocly lint exited {exitCode}:\n{string.Join('\n', problems)}");
    }

    private async Task<(int ExitCode, string Output)> RedoclyLintAsync(string document)
    {
        var start = new ProcessStartInfo(Path.Combine(AzuriteFixture.RepoRoot, "node_modules", ".bin", "redocly"))
        {
            WorkingDirectory = AzuriteFixture.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "lint", document, "--config", Path.Combine(AzuriteFixture.RepoRoot, "redocly.yaml"), "--format=json" })
        {
            start.ArgumentList.Add(argument);
        }

        // No usage telemetry and no update check: CI reaches only the package registries.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redocly did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(_ct);
        var stderr = process.StandardError.ReadToEndAsync(_ct);
        await process.WaitForExitAsync(_ct);
        var output = await stdout;
        Assert.True(output.TrimStart().StartsWith('{'), $"redocly printed no JSON report (exit {process.ExitCode}):\n{output}\n{await stderr}");
        return (process.ExitCode, output);
    }
}
