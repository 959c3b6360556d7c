using Workflows.Domain.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Audit;
using Workflows.Application.Auth;
using Workflows.Application.Cases;
using Workflows.Application.Signals;
using Workflows.Application.Trajectories;

namespace Workflows.Application.Pages;

/// <summary>
/// <c>/cases/{kind}/{id}</c> (PAGES.md): the case for staff of its municipality, every view in the access log; any
/// other user, and an unknown id, get the same 404. Its forms post to <c>/cases/{kind}/{id}/events</c>, which records
/// the event through <see cref="StaffEventRecorder"/> (the API's road), then shows the case again (303), or the form
/// again with Dutch messages beside the fields.
/// </summary>
internal static class CasePage
{
    public static async Task<IResult> GetAsync(string kind, string id, HttpContext http, CasePageServices services, CancellationToken cancellationToken)
    {
        var notice = http.Request.Query["gedaan"].ToString() is { Length: > 0 } done && Known(kind, done)
            ? ($"Vastgelegd: {Dutch.HistoryLine("event", done)}.", "ok")
            : http.Request.Query["verwerkt"].ToString() is { Length: > 0 } pending && Known(kind, pending)
                ? ($"Vastgelegd: {Dutch.HistoryLine("event", pending)}. De zaak toont het over enkele ogenblikken; vernieuw de pagina.", "wait")
                : http.Request.Query["gestart"] == "1"
                    ? ("Het traject is gestart; de termijnen staan hieronder.", "ok")
                    : http.Request.Query["bestond"] == "1"
                        ? ("Dit traject bestond al (zelfde kenmerk); hier is het.", "info")
                        : ((string?)null, "ok");
        return await RenderAsync(kind, id, http, services, FormState.Empty(string.Empty), notice.Item1, notice.Item2, StatusCodes.Status200OK, cancellationToken);
    }

    public static async Task<IResult> PostEventAsync(string kind, string id, HttpContext http, CasePageServices services, CancellationToken cancellationToken)
    {
        if (!await PageResults.IsFormValidAsync(http))
        {
            return PageResults.FormRefused(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var type = form["type"].ToString();
        var eventId = IdempotencyKey.EventId(form["formKey"], http.Caller());
        return kind switch
        {
            "signal" when EventForms.Signal.TryGetValue(type, out var fields) =>
                await RecordAsync(SignalStaffEvents.Instance, fields, kind, id, type, form, eventId, http, services, cancellationToken),
            "trajectory" when EventForms.Trajectory.TryGetValue(type, out var fields) =>
                await RecordAsync(TrajectoryStaffEvents.Instance, fields, kind, id, type, form, eventId, http, services, cancellationToken),
            "signal" or "trajectory" => PageResults.FormRefused(http),
            _ => PageResults.NotFound(http),
        };
    }

    /// <summary>One road for both kinds: the rules find the case and say whose it is, as the API's endpoint does.</summary>
    private static async Task<IResult> RecordAsync<TState, TPayload, TView>(
        StaffEventRules<TState, TPayload, TView> rules, FormField[] fields, string kind, string id, string type, IFormCollection form, string? eventId,
        HttpContext http, CasePageServices services, CancellationToken cancellationToken)
        where TState : class
    {
        var caller = http.Caller();
        if (await rules.FindAsync(services.Client, id, cancellationToken) is not { } state || !caller.IsStaffOf(rules.MunicipalityOf(state)))
        {
            return PageResults.NotFound(http);
        }

        var body = FormJson.Build(form, fields, new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["type"] = type });
        var outcome = await StaffEventRecorder.RecordAsync(
            rules, id, state, caller, body, new ValidationErrors(), eventId, services.Client, services.AccessLog, IsoDate.Today(services.Clock),
            services.Loggers.CreateLogger("Workflows.Application.Pages.CasePage"), cancellationToken);
        return await AnswerAsync(outcome, kind, id, type, form, http, services, cancellationToken);
    }

    private static async Task<IResult> AnswerAsync<TView>(
        StaffEventOutcome<TView> outcome, string kind, string id, string type, IFormCollection form, HttpContext http, CasePageServices services, CancellationToken cancellationToken)
    {
        var back = PageResults.LocalOr(form["returnTo"], $"/cases/{kind}/{id}");
        return outcome switch
        {
            StaffEventOutcome<TView>.Recorded { Shown: true } => PageResults.SeeOther(WithNotice(back, "gedaan", type)),
            StaffEventOutcome<TView>.Recorded => PageResults.SeeOther(WithNotice(back, "verwerkt", type)),
            StaffEventOutcome<TView>.Invalid invalid => await RenderAsync(
                kind, id, http, services, FormState.Refused(type, form, invalid.Errors, null), null, "ok", StatusCodes.Status400BadRequest, cancellationToken),
            StaffEventOutcome<TView>.Conflict conflict => await RenderAsync(
                kind, id, http, services, FormState.Refused(type, form, null, Dutch.Conflict(conflict.Problem.ProblemDetails.Detail)), null, "ok", StatusCodes.Status409Conflict, cancellationToken),
            _ => PageResults.NotFound(http),
        };
    }

    private static async Task<IResult> RenderAsync(
        string kind, string id, HttpContext http, CasePageServices services, FormState form, string? notice, string noticeKind, int status, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var today = IsoDate.Today(services.Clock);
        SignalCaseView? signal = null;
        TrajectoryCaseView? trajectory = null;
        string team;
        if (kind == "signal" && await SignalViews.FindAsync(services.Client, id, cancellationToken) is var (_, signalState) && caller.IsStaffOf(signalState.Municipality))
        {
            signal = SignalViews.Full(id, signalState, today);
            team = signal.Team;
        }
        else if (kind == "trajectory" && await TrajectoryViews.FindAsync(services.Client, id, cancellationToken) is var (_, trajectoryState) && caller.IsStaffOf(trajectoryState.Municipality))
        {
            trajectory = TrajectoryViews.Full(id, trajectoryState, today);
            team = trajectory.Team;
        }
        else
        {
            return PageResults.NotFound(http);
        }

        // Personal data on screen (RULES §2): the view is a read, and logged as one.
        await services.AccessLog.RecordAsync(caller, kind == "signal" ? CaseKind.Signal : CaseKind.Trajectory, id, "read", cancellationToken);
        var history = await services.Client.GetHistoryAsync(id, cancellationToken);
        var colleagues = (await services.Staff.TeamMembersAsync(team, cancellationToken)).Select(m => m.Id)
            .Append(caller.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return PageResults.Page<Components.CaseView>(
            new Dictionary<string, object?>
            {
                ["Chrome"] = PageResults.Chrome(http, $"{(signal is not null ? "Signaal" : "Nazorgtraject")} {id}"),
                ["Signal"] = signal,
                ["Trajectory"] = trajectory,
                ["History"] = history.Reverse().ToList(),
                ["Form"] = form,
                ["FormKey"] = Guid.NewGuid().ToString("N"),
                ["Colleagues"] = colleagues,
                ["Notice"] = notice,
                ["NoticeKind"] = noticeKind,
            },
            status);
    }

    private static bool Known(string kind, string type) =>
        (kind == "signal" ? EventForms.Signal : EventForms.Trajectory).ContainsKey(type);

    private static string WithNotice(string path, string name, string type) =>
        $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{name}={Uri.EscapeDataString(type)}";
}

/// <summary>What the case page needs, in one parameter.</summary>
internal sealed record CasePageServices(CaseClient Client, AccessLog AccessLog, StaffDirectory Staff, TimeProvider Clock, ILoggerFactory Loggers);
