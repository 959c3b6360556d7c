using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Application.Api;
using Workflows.Application.Auth;

namespace Workflows.Application.Audit;

/// <summary>An access log line on the wire: who, when, which case, what (no personal data).</summary>
public sealed record AccessEntryView(DateTimeOffset At, string StaffId, string CaseKind, string CaseId, string Action);

/// <summary>The access log entries asked for, newest first.</summary>
public sealed record AccessLogResponse(IReadOnlyList<AccessEntryView> Entries);

/// <summary><c>GET /api/v1/access-log?caseId=…|staffId=…</c>: who read which case when (admins; RULES §2 "log every read").</summary>
public static partial class AccessLogApi
{
    public const int MaxEntries = 500;

    public static RouteGroupBuilder MapAccessLogApiV1(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/access-log", GetAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithTags("Audit")
            .Produces<AccessLogResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("GetAccessLog")
            .WithSummary("Reads of case data by case (caseId) or by staff member (staffId), newest first (admins).");
        return api;
    }

    internal static async Task<Results<Ok<AccessLogResponse>, ValidationProblem>> GetAsync(
        string? caseId, string? staffId, AccessLog accessLog, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if ((caseId is null) == (staffId is null))
        {
            errors.Add(caseId is null ? "caseId" : "staffId", "Give exactly one of caseId and staffId.");
        }

        foreach (var (name, value) in new[] { ("caseId", caseId), ("staffId", staffId) })
        {
            if (value is not null && !Identifier().IsMatch(value))
            {
                errors.Add(name, "Must be 1-100 of A-Z, a-z, 0-9, '-', '_', '.', '@'.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem("The access log query is not valid.");
        }

        var entries = caseId is not null
            ? await accessLog.ForCaseAsync(caseId, MaxEntries, cancellationToken)
            : await accessLog.ForStaffAsync(staffId!, MaxEntries, cancellationToken);
        return TypedResults.Ok(new AccessLogResponse([.. entries.Select(e => new AccessEntryView(e.At.ToUniversalTime(), e.StaffId, KebabEnum.Name(e.CaseKind), e.CaseId, e.Action))]));
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
