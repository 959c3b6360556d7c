using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Workflows.Domain.Cases;
using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.Audit;
using Workflows.Application.Auth;
using Workflows.Application.Policy;

namespace Workflows.Application.Management;

/// <summary>
/// The management API in the Durable Functions manner (API.md "Management"), for staff only: list, status,
/// history, terminate, retry (a Failed case resumes from its last state), purge. Staff see the instances of their own municipality (an instance's scope); admins
/// see all. Another municipality's instance answers 404, so its existence is not revealed. Status and list
/// never show an instance's state; the history (events with their payloads) is for staff of the municipality
/// and admins alone. Every status, history or termination of a case shown is written to the access log.
/// </summary>
public static class ManagementApi
{
    private const int MaxReasonLength = 200;
    private const string DefaultTerminateReason = "Terminated through the management API.";

    public static RouteGroupBuilder MapManagementApiV1(this RouteGroupBuilder api)
    {
        var instances = api.MapGroup("/instances")
            .RequireAuthorization(AuthPolicies.Staff)
            .WithTags("Management")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        instances.MapGet(string.Empty, ListAsync)
            .WithName("ListInstances")
            .WithSummary("Instances visible to the caller.")
            .WithDescription("Filters: type (e.g. signal, trajectory), status (pending, running, completed, failed, terminated, suspended), municipality (CBS code; staff: their own, admins: any, default all configured).");
        instances.MapGet("/{id}", GetAsync)
            .WithName("GetInstance")
            .WithSummary("An instance's runtime status and custom status (no state).");
        instances.MapGet("/{id}/history", HistoryAsync)
            .WithName("GetInstanceHistory")
            .WithSummary("An instance's append-only history: staff of its municipality and admins.");
        instances.MapPost("/{id}/terminate", TerminateAsync)
            .RequireAuthorization(AuthPolicies.Manager)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("TerminateInstance")
            .WithSummary("Terminates a running instance: admins, or team leads of its municipality.")
            .WithDescription("409 when the instance has completed.");
        instances.MapPost("/{id}/retry", RetryAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RetryInstance")
            .WithSummary("Resumes a Failed instance from its last state (admins).")
            .WithDescription("The events that met the fault are applied again first. 409 when the instance is not Failed.");
        instances.MapDelete("/{id}", PurgeAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithName("PurgeInstance")
            .WithSummary("Deletes all data of an instance (admins).");
        return api;
    }

    internal static async Task<Results<Ok<InstanceListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http,
        CaseClient client,
        [FromServices] IEnumerable<ICaseDefinition> definitions,
        IOptionsMonitor<PolicyOptions> policy,
        string? type,
        string? status,
        string? municipality,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var types = definitions.Select(d => d.Type).Order(StringComparer.Ordinal).ToList();
        if (type is not null && !types.Contains(type, StringComparer.Ordinal))
        {
            errors["type"] = [$"Must be one of: {string.Join(", ", types)}."];
        }

        RuntimeStatus? runtimeStatus = null;
        if (status is not null)
        {
            if (ParseStatus(status) is { } parsed)
            {
                runtimeStatus = parsed;
            }
            else
            {
                errors["status"] = [$"Must be one of: {string.Join(", ", Enum.GetValues<RuntimeStatus>().Select(Camel))}."];
            }
        }

        if (municipality is not null && !CredentialStore.IsMunicipalityCode(municipality))
        {
            errors["municipality"] = ["Must be a CBS municipality code: GM and four digits."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "The instance query is not valid.");
        }

        var caller = http.Caller();
        IEnumerable<string> scopes;
        if (municipality is not null)
        {
            if (!caller.IsAdmin && !caller.Municipalities.Contains(municipality))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Forbidden",
                    detail: "Staff may list the instances of their own municipality only.");
            }

            scopes = [municipality];
        }
        else
        {
            scopes = caller.IsAdmin ? policy.CurrentValue.Municipalities.Keys : caller.Municipalities;
        }

        var items = new List<InstanceListItem>();
        foreach (var scope in scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var found = await client.QueryInstancesAsync(scope, type, runtimeStatus, cancellationToken);
            items.AddRange(found.Select(i => new InstanceListItem(i.InstanceId, i.Type, Camel(i.RuntimeStatus), i.Scope, i.CreatedAt.ToUniversalTime())));
        }

        return TypedResults.Ok(new InstanceListResponse([.. items.OrderBy(i => i.CreatedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal)]));
    }

    internal static async Task<Results<Ok<InstanceResponse>, NotFound>> GetAsync(
        string id, HttpContext http, CaseClient client, AccessLog accessLog, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (await FindVisibleAsync(client, caller, id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        await RecordAsync(accessLog, caller, instance, "status", cancellationToken);
        return TypedResults.Ok(ToResponse(instance));
    }

    internal static async Task<Results<Ok<HistoryResponse>, NotFound>> HistoryAsync(
        string id, HttpContext http, CaseClient client, AccessLog accessLog, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (await FindVisibleAsync(client, caller, id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        var history = await client.GetHistoryAsync(id, cancellationToken);
        await RecordAsync(accessLog, caller, instance, "history", cancellationToken);
        return TypedResults.Ok(new HistoryResponse(
            id,
            [.. history.Select(h => new HistoryItem(h.Sequence, h.At.ToUniversalTime(), h.What, h.Name, h.Source, h.Detail))]));
    }

    internal static async Task<Results<Accepted<InstanceResponse>, NotFound, ValidationProblem, ProblemHttpResult>> TerminateAsync(
        string id,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TerminateRequest? request,
        HttpContext http,
        CaseClient client,
        AccessLog accessLog,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        // The Manager policy let in admins and team leads; a team lead only for their own municipality.
        if (await FindVisibleAsync(client, caller, id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? DefaultTerminateReason : request.Reason.Trim();
        if (reason.Length > MaxReasonLength)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["reason"] = [$"At most {MaxReasonLength} characters."] },
                detail: "The termination request is not valid.");
        }

        if (instance.RuntimeStatus == RuntimeStatus.Completed)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Conflict",
                detail: "The instance has completed; there is nothing to terminate.");
        }

        var after = await client.TerminateAsync(id, reason, caller.Id, cancellationToken) ?? instance;
        await RecordAsync(accessLog, caller, after, "terminate", cancellationToken);
        return TypedResults.Accepted($"{Hosting.ApplicationEndpointsExtensions.ApiV1Prefix}/instances/{id}", ToResponse(after));
    }

    /// <summary>
    /// Resumes a Failed case from its last committed state (the operator has fixed what made it fail). Anything
    /// but Failed is a conflict: a running case needs no retry, a final one takes none.
    /// </summary>
    internal static async Task<Results<Accepted<InstanceResponse>, NotFound, ProblemHttpResult>> RetryAsync(
        string id, HttpContext http, CaseClient client, AccessLog accessLog, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (await FindVisibleAsync(client, caller, id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        if (instance.RuntimeStatus != RuntimeStatus.Failed)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Conflict",
                detail: $"The instance is {Camel(instance.RuntimeStatus)}, not failed; only a failed instance is retried.");
        }

        var after = await client.RetryAsync(id, caller.Id, cancellationToken) ?? instance;
        await RecordAsync(accessLog, caller, after, "retry", cancellationToken);
        return TypedResults.Accepted($"{Hosting.ApplicationEndpointsExtensions.ApiV1Prefix}/instances/{id}", ToResponse(after));
    }

    internal static async Task<Results<NoContent, NotFound>> PurgeAsync(
        string id, HttpContext http, CaseClient client, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (!IsInstanceId(id))
        {
            return TypedResults.NotFound();
        }

        return await client.PurgeAsync(id, $"Purged through the management API by {caller.Id}.", cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }

    /// <summary>Admins see every instance; other staff those whose scope is one of their municipalities.</summary>
    private static async Task<InstanceStatus?> FindVisibleAsync(CaseClient client, Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!IsInstanceId(id) || await client.GetStatusAsync(id, cancellationToken) is not { } instance)
        {
            return null;
        }

        return caller.IsAdmin || (caller.IsStaff && caller.Municipalities.Contains(instance.Scope)) ? instance : null;
    }

    /// <summary>
    /// Writes a case's status or history shown to <paramref name="caller"/> to the access log (RULES §2: it is
    /// personal, for a trajectory criminal-law, data); the host's own instances (the digest schedule) are no case.
    /// </summary>
    private static async Task RecordAsync(AccessLog accessLog, Caller caller, InstanceStatus instance, string action, CancellationToken cancellationToken)
    {
        CaseKind? kind = instance.Type switch
        {
            SignalOrchestration.TypeName => CaseKind.Signal,
            TrajectoryOrchestration.TypeName => CaseKind.Trajectory,
            _ => null,
        };
        if (kind is { } caseKind)
        {
            await accessLog.RecordAsync(caller, caseKind, instance.InstanceId, action, cancellationToken);
        }
    }

    private static InstanceResponse ToResponse(InstanceStatus instance) => new(
        instance.InstanceId,
        instance.Type,
        Camel(instance.RuntimeStatus),
        instance.CustomStatus,
        instance.CreatedAt.ToUniversalTime(),
        instance.LastUpdatedAt.ToUniversalTime(),
        instance.Scope);

    /// <summary>The case-id alphabet (CaseIds) (letters, digits, '-', '_', '.', ':'; at most 100): anything else cannot exist.</summary>
    private static bool IsInstanceId(string id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    /// <summary>A status by its camelCase (or any-case) name; never by number.</summary>
    private static RuntimeStatus? ParseStatus(string value) =>
        Enum.GetValues<RuntimeStatus>().Select(s => (RuntimeStatus?)s)
            .FirstOrDefault(s => string.Equals(s.ToString(), value, StringComparison.OrdinalIgnoreCase));

    private static string Camel(RuntimeStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
