namespace Workflows.Application.Hosting.OpenApi;

/// <summary>The document's tags (each endpoint group names one in <c>WithTags</c>) and what each tells an integrator.</summary>
internal static class ApiTags
{
    public const string Signals = "Signals";
    public const string Trajectories = "Trajectories";
    public const string Worklist = "Worklist";
    public const string Management = "Management";
    public const string Audit = "Audit";
    public const string Notifications = "Notifications";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Signals] = "Signals of payment arrears. Corporations send them (one by one, or in bulk as JSON or CSV), follow their coarse " +
            "status and post updates; staff of the municipality read the full case and record its progress.",
        [Trajectories] = "Aftercare after detention: staff of the municipality start a trajectory from a notification of detention, " +
            "read it (every read is logged) and record its progress.",
        [Worklist] = "The open steps of both kinds of case visible to the caller, earliest due first.",
        [Management] = "The cases' durable instances in the Durable Functions manner: list, status, history, terminate, retry, purge (staff).",
        [Audit] = "Who read which case when (admins).",
        [Notifications] = "A member of staff's choice of mail: the daily digest only, or reminders as well.",
    };
}
