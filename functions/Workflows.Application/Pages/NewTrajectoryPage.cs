using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Audit;
using Workflows.Application.Auth;
using Workflows.Application.Policy;
using Workflows.Application.Trajectories;

namespace Workflows.Application.Pages;

/// <summary>
/// <c>/trajectories/new</c> (PAGES.md): a coordinator starts an aftercare trajectory with the fields of
/// <c>POST /api/v1/trajectories</c>, checked by the same <see cref="TrajectoryStarter"/>; success shows the new case.
/// </summary>
internal static class NewTrajectoryPage
{
    public static readonly FormField[] Fields =
    [
        new("externalReference"), new("municipalityCode"),
        new("person.initials"), new("person.prefix"), new("person.surname"), new("person.dateOfBirth"), new("person.bsn"),
        new("institution"), new("detentionStart"), new("notifiedOn"), new("expectedReleaseDate"),
        new("coordinator"), new("highRisk", FieldKind.Boolean),
    ];

    public static async Task<IResult> GetAsync(HttpContext http, StaffDirectory staff, CancellationToken cancellationToken) =>
        await RenderAsync(http, staff, FormState.Empty("trajectory"), StatusCodes.Status200OK, cancellationToken);

    public static async Task<IResult> PostAsync(
        HttpContext http, CaseClient client, CasePolicy policy, AccessLog accessLog, StaffDirectory staff, TimeProvider clock, ILogger<NewTrajectoryPageLog> logger,
        CancellationToken cancellationToken)
    {
        if (!await PageResults.IsFormValidAsync(http))
        {
            return PageResults.FormRefused(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var outcome = await TrajectoryStarter.StartAsync(
            http.Caller(), FormJson.Build(form, Fields), client, policy, accessLog, IsoDate.Today(clock), logger, cancellationToken);
        return outcome switch
        {
            TrajectoryStarter.Outcome.Started started => PageResults.SeeOther($"/cases/trajectory/{started.Id}{(started.Created ? "?gestart=1" : "?bestond=1")}"),
            TrajectoryStarter.Outcome.Invalid invalid => await RenderAsync(
                http, staff, FormState.Refused("trajectory", form, invalid.Errors, null, path => path == "person" ? "person.surname" : path), StatusCodes.Status400BadRequest, cancellationToken),
            TrajectoryStarter.Outcome.Forbidden => await RenderAsync(
                http, staff, FormState.Refused("trajectory", form, null, "U mag alleen trajecten van uw eigen gemeente starten."), StatusCodes.Status403Forbidden, cancellationToken),
            _ => await RenderAsync(
                http, staff, FormState.Refused("trajectory", form, null, "Dit kenmerk is al in gebruik voor iets anders; kies een ander kenmerk."), StatusCodes.Status409Conflict, cancellationToken),
        };
    }

    private static async Task<IResult> RenderAsync(HttpContext http, StaffDirectory staff, FormState form, int status, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var colleagues = caller.Team is { } team
            ? (await staff.TeamMembersAsync(team, cancellationToken)).Select(m => m.Id)
            : [];
        return PageResults.Page<Components.NewTrajectoryView>(
            new Dictionary<string, object?>
            {
                ["Chrome"] = PageResults.Chrome(http, "Nieuw nazorgtraject"),
                ["Form"] = form,
                ["Municipalities"] = caller.Municipalities.Order(StringComparer.Ordinal).Select(m => (m, $"{Seeding.DevelopmentSeed.MunicipalityName(m)} ({m})")).ToList(),
                ["Colleagues"] = colleagues.Append(caller.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => (c, c)).ToList(),
            },
            status);
    }
}

/// <summary>The logger category of trajectories started from the page.</summary>
internal sealed class NewTrajectoryPageLog;
