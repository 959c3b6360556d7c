namespace Workflows.Orchestrations.Activities;

/// <summary>
/// Input of the "alert-admins" activity: an activity of a case failed after all its retries (ARCHITECTURE §5.4).
/// Ids and an error type only, no personal data.
/// </summary>
public sealed record AdminAlert(string CaseId, string CaseType, string Activity, string ActivityId, string Error)
{
    public const string ActivityName = "alert-admins";
}
