using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Workflows.Browser.Tests.Support;

/// <summary>
/// The axe-core scan of a page (PAGES.md: WCAG 2.1 AA, no serious or critical violation on any page). Minor and
/// moderate findings are printed to the test output but do not fail the test.
/// </summary>
public static class Accessibility
{
    private static readonly string[] Failing = ["serious", "critical"];

    /// <summary>Scans the page as it is now against WCAG 2.0/2.1 A and AA and axe's best practices; fails on a serious or critical violation.</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page, ITestOutputHelper? output = null)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        Assert.True(results.Passes.Length > 0, $"{page.Url}: axe checked nothing");
        var serious = results.Violations.Where(v => Failing.Contains(v.Impact)).ToList();
        var other = results.Violations.Except(serious).ToList();
        if (other.Count > 0)
        {
            output?.WriteLine($"{page.Url}: minor findings (not failing):\n{Describe(other)}");
        }

        Assert.True(serious.Count == 0, $"{page.Url}: {serious.Count} serious or critical axe violation(s):\n{Describe(serious)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine($"- [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes.Take(5))
            {
                text.AppendLine($"    {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    text.AppendLine($"      {check.Message}");
                }
            }
        }

        return text.ToString();
    }
}
