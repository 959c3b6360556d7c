namespace Workflows.Application.Notifications;

/// <summary>What a member of staff wants to hear, besides escalations (which always go at once).</summary>
public enum NotificationPreference
{
    /// <summary>The daily digest and a reminder (with its calendar item) for each step before it is due. The default.</summary>
    DigestAndReminders,

    /// <summary>Only the daily digest; no separate reminders.</summary>
    DigestOnly,
}

/// <summary>The wire names: <c>digest-and-reminders</c>, <c>digest-only</c>.</summary>
public static class NotificationPreferences
{
    public const string DigestAndReminders = "digest-and-reminders";
    public const string DigestOnly = "digest-only";

    public static string ToWire(NotificationPreference preference) =>
        preference == NotificationPreference.DigestOnly ? DigestOnly : DigestAndReminders;

    public static NotificationPreference? Parse(string? value) => value switch
    {
        DigestAndReminders => NotificationPreference.DigestAndReminders,
        DigestOnly => NotificationPreference.DigestOnly,
        _ => null,
    };
}
