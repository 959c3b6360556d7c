namespace Workflows.Engine.Storage;

/// <summary>Row keys used inside an instance's partition, and escaping of caller-given parts.</summary>
internal static class Keys
{
    public const string State = "$state";
    public const string HistoryPrefix = "h|";
    public const string EventPrefix = "e|";
    public const string ParkedPrefix = "p|";
    public const string WakeupMessagePrefix = "m|";

    public static string Event(string eventId) => EventPrefix + Escape(eventId);

    public static string History(long sequence, int n) => $"{HistoryPrefix}{sequence:D10}|{n:D3}";

    public static string Parked(string eventId) => ParkedPrefix + Escape(eventId);

    public static string WakeupMessage(string wakeupId) => WakeupMessagePrefix + Escape(wakeupId);

    /// <summary>Table keys may not hold '/', '\\', '#', '?' or control characters.</summary>
    public static string Escape(string value) => Uri.EscapeDataString(value).Replace("%7C", "|", StringComparison.Ordinal);

    /// <summary>Instance ids become partition keys and appear in URLs: a conservative alphabet.</summary>
    public static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (instanceId.Length > 100 || !instanceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            throw new ArgumentException("An instance id is 1-100 characters of letters, digits, '-', '_', '.', ':'.", nameof(instanceId));
        }
    }
}
