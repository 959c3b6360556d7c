using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Domain.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;

namespace Workflows.Application.Cases;

/// <summary>
/// What <see cref="StaffEventEndpoint"/> needs of one kind of case to record a staff event on it: how to find
/// the case, read and check an event, name a conflict, log the event and show the case afterwards.
/// </summary>
internal abstract class StaffEventRules<TState, TPayload, TView>
    where TState : class
{
    public abstract CaseKind Kind { get; }

    /// <summary>The state of the case <paramref name="id"/>, or null (unknown id, another kind of instance, purged).</summary>
    public abstract Task<TState?> FindAsync(CaseClient client, string id, CancellationToken cancellationToken);

    /// <summary>The municipality whose staff may see and change the case.</summary>
    public abstract string MunicipalityOf(TState state);

    /// <summary>The event in <paramref name="body"/>, or null with what is wrong in <paramref name="errors"/>.</summary>
    public abstract ValidEvent<TPayload>? Read(JsonElement body, ValidationErrors errors, DateOnly today);

    /// <summary>A 409 when the case cannot take the event in its present phase, or null.</summary>
    public abstract ProblemHttpResult? Conflict(ValidEvent<TPayload> staffEvent, TState state);

    /// <summary>Checks of the event's fields that need the case; the path and message of a 400, or null.</summary>
    public abstract (string Path, string Message)? CheckAgainst(ValidEvent<TPayload> staffEvent, TState state);

    public abstract void LogRaised(ILogger logger, string eventName, string id, string staffId);

    /// <summary>The full case as staff of its municipality see it.</summary>
    public abstract TView View(string id, TState state, DateOnly today);
}
