namespace Workflows.Application.Notifications;

/// <summary>Log lines of notifications and the demo clock (event ids 2600-2699). Ids only: never addresses, names or case data.</summary>
internal static partial class NotificationLogs
{
    [LoggerMessage(2601, LogLevel.Information, "Mail {Template} of {ActivityId} sent to {Recipient}: provider message {MessageId}.")]
    public static partial void MailSent(this ILogger logger, string template, string activityId, string recipient, string messageId);

    [LoggerMessage(2602, LogLevel.Warning, "Mail {Template} of {ActivityId} to {Recipient} deferred (status {Status}, retry after {RetryAfter}, attempt {Attempt}); the runtime retries it.")]
    public static partial void MailDeferred(this ILogger logger, string template, string activityId, string recipient, int? status, TimeSpan? retryAfter, int attempt);

    /// <summary>The stable event for alerting: the provider refused a message and it will not be retried.</summary>
    [LoggerMessage(2603, LogLevel.Error, "Mail {Template} of {ActivityId} to {Recipient} REFUSED by the provider with {Status}; not retried.")]
    public static partial void MailRefused(this ILogger logger, Exception exception, string template, string activityId, string recipient, int status);

    [LoggerMessage(2604, LogLevel.Warning, "Mail {Template} of {ActivityId}: nobody to send it to.")]
    public static partial void NoRecipients(this ILogger logger, string template, string activityId);

    [LoggerMessage(2605, LogLevel.Warning, "Staff member {StaffId} has no email address; {ActivityId} skips them.")]
    public static partial void NoEmail(this ILogger logger, string staffId, string activityId);

    [LoggerMessage(2606, LogLevel.Warning, "Staff member {StaffId} is not in the staff directory; {ActivityId} skips them.")]
    public static partial void UnknownStaff(this ILogger logger, string staffId, string activityId);

    [LoggerMessage(2607, LogLevel.Warning, "No ZVH contact is configured for {Municipality}; {ActivityId} skips that role.")]
    public static partial void NoZvhContact(this ILogger logger, string municipality, string activityId);

    [LoggerMessage(2608, LogLevel.Warning, "Nobody holds role {Role} for {ActivityId} (no team on the case).")]
    public static partial void NobodyInRole(this ILogger logger, string role, string activityId);

    [LoggerMessage(2609, LogLevel.Information, "Mail {Template} of {ActivityId} not sent: a later notification of the same step took over.")]
    public static partial void Superseded(this ILogger logger, string template, string activityId);

    [LoggerMessage(2670, LogLevel.Error, "Notification {Template} of {ActivityId} refused by the provider for {Count} recipients; the admins are alerted.")]
    public static partial void NotificationRefused(this ILogger logger, string template, string activityId, int count);

    [LoggerMessage(2671, LogLevel.Error, "No admin with an email address to alert about {ActivityId}.")]
    public static partial void NoAdminToAlert(this ILogger logger, string activityId);

    [LoggerMessage(2672, LogLevel.Error, "The alert about {ActivityId} to admin {AdminId} was refused by the provider as well.")]
    public static partial void AlertRefused(this ILogger logger, string activityId, string adminId);

    /// <summary>The stable event for alerting: an activity of a case failed after all its retries.</summary>
    [LoggerMessage(2673, LogLevel.Error, "Activity {Activity} ({ActivityId}) of case {CaseId} failed after all its retries ({Error}); the admins are alerted.")]
    public static partial void ActivityGaveUp(this ILogger logger, string activity, string activityId, string caseId, string error);

    [LoggerMessage(2610, LogLevel.Information, "Digest schedule {Outcome}.")]
    private static partial void DigestSchedule(this ILogger logger, string outcome);

    public static void DigestScheduleStarted(this ILogger logger, bool created) => logger.DigestSchedule(created ? "started" : "already running");

    [LoggerMessage(2611, LogLevel.Warning, "Starting the digest schedule failed (attempt {Attempt}); storage may not be ready yet. Retrying in {Delay}.")]
    public static partial void DigestScheduleNotStarted(this ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(2612, LogLevel.Warning, "The digest schedule exists but is {Status}: no daily digests until an operator starts it again (purge the instance digest-scheduler and restart).")]
    public static partial void DigestScheduleNotRunning(this ILogger logger, string status);

    [LoggerMessage(2613, LogLevel.Information, "Mail:DigestEnabled is false: the digest schedule is not started by this host.")]
    public static partial void DigestDisabled(this ILogger logger);

    [LoggerMessage(2614, LogLevel.Warning, "Mail:Provider is Files outside Development: emails are written to {Directory}, not sent. Set Mail:Provider to SendGrid.")]
    public static partial void FilesOutsideDevelopment(this ILogger logger, string directory);

    [LoggerMessage(2615, LogLevel.Information, "Mail goes through {Provider}.")]
    public static partial void MailProviderChosen(this ILogger logger, string provider);

    [LoggerMessage(2650, LogLevel.Information, "Demo clock advanced by {By} to {Now}; {Due} timers due.")]
    public static partial void ClockAdvanced(this ILogger logger, TimeSpan by, DateTimeOffset now, int due);

    [LoggerMessage(2651, LogLevel.Warning, "Demo clock: the host runs on a virtual clock (Clock:Mode=Virtual); POST /dev/clock/advance moves it forward.")]
    public static partial void VirtualClockOn(this ILogger logger);

    [LoggerMessage(2652, LogLevel.Warning, "Clock:Mode=Virtual is ignored outside Development: the host runs on the system clock.")]
    public static partial void VirtualClockIgnored(this ILogger logger);
}
