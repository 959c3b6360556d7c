using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Domain.Calendar;
using Workflows.Domain.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Auth;

namespace Workflows.Application.Worklist;

/// <summary>
/// <c>GET /api/v1/worklist</c>: open steps of both kinds of case in the caller's municipality, earliest due
/// first, read from the worklist index by key range (no scans).
/// </summary>
public static class WorklistApi
{
    private static readonly string[] DueValues = ["overdue", "today", "week"];
    private static readonly string[] KindValues = ["signal", "trajectory"];

    public static RouteGroupBuilder MapWorklistApiV1(this RouteGroupBuilder api)
    {
        api.MapGet("/worklist", GetAsync)
            .RequireAuthorization(AuthPolicies.Staff)
            .WithTags(Hosting.OpenApi.ApiTags.Worklist)
            .WithName("GetWorklist")
            .WithSummary("Open steps visible to the caller, earliest due first.")
            .WithDescription("Filters: due=overdue|today|week (week: today and the six days after), assignee, team, kind=signal|trajectory.");
        return api;
    }

    internal static async Task<Results<Ok<WorklistResponse>, ValidationProblem>> GetAsync(
        HttpContext http, CaseClient client, TimeProvider clock,
        string? due, string? assignee, string? team, string? kind, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (due is not null && !DueValues.Contains(due))
        {
            errors.Add("due", $"Must be one of: {string.Join(", ", DueValues)}.");
        }

        if (kind is not null && !KindValues.Contains(kind))
        {
            errors.Add("kind", $"Must be one of: {string.Join(", ", KindValues)}.");
        }

        foreach (var (name, value) in new[] { ("assignee", assignee), ("team", team) })
        {
            if (value is not null && (value.Length is 0 or > 100 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')))
            {
                errors.Add(name, "Must be 1-100 letters, digits, '-', '_', '.', '@'.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem("The worklist query is not valid.");
        }

        var caller = http.Caller();
        var today = DutchTime.Today(clock.GetUtcNow());
        var (from, to) = due switch
        {
            "overdue" => ((string?)null, Worklist(today)),
            "today" => (Worklist(today), Worklist(today.AddDays(1))),
            "week" => (Worklist(today), Worklist(today.AddDays(7))),
            _ => (null, null),
        };
        var equals = new Dictionary<string, string>();
        if (assignee is not null)
        {
            equals["Assignee"] = assignee;
        }

        if (team is not null)
        {
            equals["Team"] = team;
        }

        if (kind is not null)
        {
            equals["Kind"] = kind;
        }

        var items = await WorklistReader.ReadAsync(client, caller, from, to, equals, today, cancellationToken);
        return TypedResults.Ok(new WorklistResponse(items));
    }

    private static string Worklist(DateOnly date) => Workflows.Domain.Cases.Worklist.KeyFrom(date);

}
