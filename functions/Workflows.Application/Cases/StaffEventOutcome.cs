using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Application.Api;

namespace Workflows.Application.Cases;

/// <summary>What recording a staff event came to, for the API (a status code) and the pages (the case again, or the form with messages).</summary>
internal abstract record StaffEventOutcome<TView>
{
    /// <summary>The event is not valid for this case: nothing was recorded.</summary>
    public sealed record Invalid(ValidationErrors Errors, string Detail) : StaffEventOutcome<TView>;

    /// <summary>The case cannot take the event in its present phase (409): nothing was recorded.</summary>
    public sealed record Conflict(ProblemHttpResult Problem) : StaffEventOutcome<TView>;

    /// <summary>The case went while the event was raised (purged or terminated).</summary>
    public sealed record Gone : StaffEventOutcome<TView>;

    /// <summary>Recorded; <paramref name="Shown"/> when the case shows it already (else it will shortly).</summary>
    public sealed record Recorded(TView View, bool Shown) : StaffEventOutcome<TView>;
}
