using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Workflows.Domain.Cases;
using Workflows.Application.Notifications.Templates;

namespace Workflows.Application.Notifications;

/// <summary>
/// The calendar item of a step's due date (RULES §3: "each due date offered as a calendar item"): an all-day
/// event with a STABLE UID per case step, <c>{caseId}.{stepKey}@workflows</c>, and a SEQUENCE that only grows,
/// so a reminder for a moved deadline updates the entry already in the calendar and a cancellation
/// (METHOD:CANCEL, STATUS:CANCELLED) removes it. Like the emails it holds only reference, step, date and link.
/// </summary>
public static class CalendarItems
{
    public const string FileName = "termijn.ics";

    /// <summary>2020-01-01T00:00Z: sequences count seconds from here, which fits SEQUENCE's integer until 2088.</summary>
    private static readonly DateTimeOffset SequenceEpoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Uid(string caseId, string stepKey) => $"{caseId}.{stepKey}@workflows";

    /// <summary>A sequence number from a moment: later notifications get higher numbers.</summary>
    public static int SequenceAt(DateTimeOffset moment) =>
        (int)Math.Clamp((long)(moment - SequenceEpoch).TotalSeconds, 0, int.MaxValue);

    /// <summary>METHOD:REQUEST for a reminder, METHOD:CANCEL with STATUS:CANCELLED for a cancellation.</summary>
    public static MailAttachment For(Notification notification, int sequence, DateTimeOffset stamp, string baseUrl, string organizer, string attendee)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var cancel = notification.Kind == NotificationKind.Cancellation;
        var method = cancel ? "CANCEL" : "REQUEST";
        var calendar = new Calendar { Method = method, ProductId = "-//Workflows//Termijnen//NL" };
        var item = new CalendarEvent
        {
            Uid = Uid(notification.CaseId, notification.StepKey),
            Sequence = sequence,
            DtStamp = new CalDateTime(stamp.UtcDateTime, CalDateTime.UtcTzId),
            DtStart = new CalDateTime(notification.Due),
            DtEnd = new CalDateTime(notification.Due.AddDays(1)),
            Summary = $"Termijn: {notification.StepLabel} ({DutchFormat.Kind(notification.CaseKind)} {notification.CaseId})",
            Description = $"Uiterlijk {DutchFormat.Date(notification.Due)}. Open de zaak: {DutchFormat.CaseLink(baseUrl, notification.CaseKind, notification.CaseId)}",
            Url = new Uri(DutchFormat.CaseLink(baseUrl, notification.CaseKind, notification.CaseId)),
            Transparency = "TRANSPARENT",
            Status = cancel ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer($"mailto:{organizer}"),
        };
        item.Attendees.Add(new Attendee($"mailto:{attendee}") { Rsvp = false, ParticipationStatus = "ACCEPTED" });
        calendar.Events.Add(item);
        var text = new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
        return new MailAttachment(FileName, $"text/calendar; charset=utf-8; method={method}", Encoding.UTF8.GetBytes(text));
    }
}
