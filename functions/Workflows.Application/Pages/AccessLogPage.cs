using System.Text.RegularExpressions;
using Workflows.Application.Audit;

namespace Workflows.Application.Pages;

/// <summary>
/// <c>/admin/access-log</c> (PAGES.md, admins): who read which case when, by case or by staff member, narrowed to a
/// period. Reads the same access log as <c>GET /api/v1/access-log</c>.
/// </summary>
internal static partial class AccessLogPage
{
    public static async Task<IResult> GetAsync(HttpContext http, AccessLog accessLog, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var caseId = Blank(query["caseId"]);
        var staffId = Blank(query["staffId"]);
        var from = Api.IsoDate.TryParse(query["from"], out var f) ? f : (DateOnly?)null;
        var to = Api.IsoDate.TryParse(query["to"], out var t) ? t : (DateOnly?)null;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in new[] { ("caseId", caseId), ("staffId", staffId) })
        {
            if (value is not null && !Identifier().IsMatch(value))
            {
                errors[name] = "Alleen letters, cijfers en - _ . @ (hoogstens 100 tekens).";
            }
        }

        if (Blank(query["from"]) is not null && from is null)
        {
            errors["from"] = "Vul een datum in.";
        }

        if (Blank(query["to"]) is not null && to is null)
        {
            errors["to"] = "Vul een datum in.";
        }

        IReadOnlyList<AccessEntry> entries = [];
        if (errors.Count == 0 && (caseId is not null || staffId is not null))
        {
            // One partition read (by case, or by staff member); the other filters narrow it.
            entries = caseId is not null
                ? await accessLog.ForCaseAsync(caseId, Audit.AccessLogApi.MaxEntries, cancellationToken)
                : await accessLog.ForStaffAsync(staffId!, Audit.AccessLogApi.MaxEntries, cancellationToken);
            entries = [.. entries.Where(e =>
                (staffId is null || e.StaffId == staffId)
                && (from is null || Workflows.Domain.Calendar.DutchTime.Today(e.At) >= from)
                && (to is null || Workflows.Domain.Calendar.DutchTime.Today(e.At) <= to))];
        }

        return PageResults.Page<Components.AccessLogView>(new Dictionary<string, object?>
        {
            ["Chrome"] = PageResults.Chrome(http, "Toegangslog"),
            ["CaseId"] = caseId,
            ["StaffId"] = staffId,
            ["From"] = Blank(query["from"]),
            ["To"] = Blank(query["to"]),
            ["Errors"] = errors,
            ["Entries"] = entries,
            ["Asked"] = caseId is not null || staffId is not null,
        }, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
