using System.Text;
using Workflows.Domain.Cases;
using Workflows.Domain.Plans;
using Workflows.Functions.Notifications;
using Workflows.Functions.Notifications.Templates;

namespace Workflows.Functions.Tests.Notifications;

/// <summary>The Dutch templates and the calendar item: wording, dates, links, encoding.</summary>
public sealed class MailTemplatesTests
{
    private const string BaseUrl = "https://werk.gemeente.example/";
    private static readonly MailTemplates Templates = new(BaseUrl);

    [Theory]
    [InlineData("2027-02-15", "maandag 15 februari 2027")]
    [InlineData("2026-11-01", "zondag 1 november 2026")]
    [InlineData("2027-05-05", "woensdag 5 mei 2027")]
    public void Dates_are_written_in_Dutch(string date, string expected) =>
        Assert.Equal(expected, DutchFormat.Date(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(NotificationKind.Reminder, "Herinnering: Intake / screening (nazorgtraject traj-1) uiterlijk maandag 15 februari 2027")]
    [InlineData(NotificationKind.Escalation, "Escalatie: Intake / screening (nazorgtraject traj-1) is over de termijn")]
    [InlineData(NotificationKind.Cancellation, "Vervallen: Intake / screening (nazorgtraject traj-1) per maandag 15 februari 2027")]
    public void Each_kind_has_its_Dutch_subject_and_a_link_to_the_case(NotificationKind kind, string subject)
    {
        var mail = Templates.For(Notification(kind, "Intake / screening"));

        Assert.Equal(subject, mail.Subject);
        Assert.Equal(MailTemplates.NameOf(kind), mail.Template);
        Assert.Contains("https://werk.gemeente.example/cases/trajectories/traj-1", mail.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://werk.gemeente.example/cases/trajectories/traj-1\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("maandag 15 februari 2027", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_in_the_HTML_is_encoded()
    {
        var mail = Templates.For(Notification(NotificationKind.Reminder, "<script>alert(1)</script> & \"x\""));

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&amp;", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_lists_each_section_with_counts_and_links()
    {
        var date = new DateOnly(2026, 11, 10);
        var digest = Templates.RenderDigest(new DigestContent(
            date,
            [new DigestItem(CaseKind.Signal, "sig-1", "Eerste contactpoging", date.AddDays(-1))],
            [],
            [new DigestItem(CaseKind.Trajectory, "traj-1", "Intake / screening", date.AddDays(6))],
            []));

        Assert.Equal("Dagoverzicht dinsdag 10 november 2026: 1 te laat, 0 vandaag, 1 deze week", digest.Subject);
        Assert.Contains("Te laat (1)", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Vandaag (0)", digest.Text, StringComparison.Ordinal);
        Assert.Contains("https://werk.gemeente.example/cases/signals/sig-1", digest.Text, StringComparison.Ordinal);
        Assert.Contains("https://werk.gemeente.example/cases/trajectories/traj-1", digest.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Te laat in uw team", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_item_is_an_all_day_event_with_a_stable_uid_and_cancel_semantics()
    {
        var stamp = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var request = Text(CalendarItems.For(Notification(NotificationKind.Reminder, "Intake"), 100, stamp, BaseUrl, "workflows@gemeente.example", "a@gemeente.example"));
        var cancel = Text(CalendarItems.For(Notification(NotificationKind.Cancellation, "Intake"), 101, stamp, BaseUrl, "workflows@gemeente.example", "a@gemeente.example"));

        Assert.Contains("METHOD:REQUEST", request, StringComparison.Ordinal);
        Assert.Contains("UID:traj-1.intake@workflows", request, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:100", request, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20270215", request, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20270216", request, StringComparison.Ordinal);
        Assert.Contains("DTSTAMP:20261102T080000Z", request, StringComparison.Ordinal);
        Assert.Contains("METHOD:CANCEL", cancel, StringComparison.Ordinal);
        Assert.Contains("STATUS:CANCELLED", cancel, StringComparison.Ordinal);
        Assert.Contains("UID:traj-1.intake@workflows", cancel, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:101", cancel, StringComparison.Ordinal);
        Assert.True(CalendarItems.SequenceAt(stamp.AddSeconds(1)) > CalendarItems.SequenceAt(stamp));
    }

    private static string Text(MailAttachment attachment) => Encoding.UTF8.GetString(attachment.Content);

    private static Notification Notification(NotificationKind kind, string label) =>
        new(kind, CaseKind.Trajectory, "traj-1", "GM0479", "wijkteam-noord", "coord-a", "intake", label, new DateOnly(2027, 2, 15), [Role.Assignee]);
}
