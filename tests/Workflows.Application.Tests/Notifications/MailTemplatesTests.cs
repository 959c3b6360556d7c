using System.Text;
using Workflows.Domain.Cases;
using Workflows.Domain.Plans;
using Workflows.Application.Notifications;
using Workflows.Application.Notifications.Templates;
using Workflows.Orchestrations.Activities;

namespace Workflows.Application.Tests.Notifications;

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
        Assert.Contains("https://werk.gemeente.example/cases/trajectory/traj-1", mail.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://werk.gemeente.example/cases/trajectory/traj-1\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("maandag 15 februari 2027", mail.Text, StringComparison.Ordinal);
    }

    /// <summary>Every byte of the three notification emails, so a change of wording or markup is a deliberate one.</summary>
    public static TheoryData<NotificationKind, string, string> ExactBodies() => new()
    {
        {
            NotificationKind.Reminder,
            "Beste collega,\n\nDe stap \"Intake / screening\" van nazorgtraject traj-1 moet uiterlijk maandag 15 februari 2027 gedaan zijn.\nIn de bijlage staat een agenda-item voor deze termijn; verschuift de termijn, dan wordt het bijgewerkt.\n\nOpen de zaak: https://werk.gemeente.example/cases/trajectory/traj-1\n\nDit bericht bevat bewust geen persoonsgegevens: open de zaak in de applicatie voor de details.\n",
            "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Herinnering: Intake / screening (nazorgtraject traj-1) uiterlijk maandag 15 februari 2027</title></head><body><p>Beste collega,</p><p>De stap &quot;Intake / screening&quot; van nazorgtraject traj-1 moet uiterlijk maandag 15 februari 2027 gedaan zijn.</p><p>In de bijlage staat een agenda-item voor deze termijn; verschuift de termijn, dan wordt het bijgewerkt.</p><p><a href=\"https://werk.gemeente.example/cases/trajectory/traj-1\">Open de zaak traj-1</a></p><p><small>Dit bericht bevat bewust geen persoonsgegevens: open de zaak in de applicatie voor de details.</small></p></body></html>"
        },
        {
            NotificationKind.Escalation,
            "Beste collega,\n\nDe stap \"Intake / screening\" van nazorgtraject traj-1 had uiterlijk maandag 15 februari 2027 gedaan moeten zijn en staat nog open.\nU ontvangt dit bericht omdat deze stap bij u is geëscaleerd.\n\nOpen de zaak: https://werk.gemeente.example/cases/trajectory/traj-1\n\nDit bericht bevat bewust geen persoonsgegevens: open de zaak in de applicatie voor de details.\n",
            "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Escalatie: Intake / screening (nazorgtraject traj-1) is over de termijn</title></head><body><p>Beste collega,</p><p>De stap &quot;Intake / screening&quot; van nazorgtraject traj-1 had uiterlijk maandag 15 februari 2027 gedaan moeten zijn en staat nog open.</p><p>U ontvangt dit bericht omdat deze stap bij u is ge&#xEB;scaleerd.</p><p><a href=\"https://werk.gemeente.example/cases/trajectory/traj-1\">Open de zaak traj-1</a></p><p><small>Dit bericht bevat bewust geen persoonsgegevens: open de zaak in de applicatie voor de details.</small></p></body></html>"
        },
        {
            NotificationKind.Cancellation,
            "Beste collega,\n\nDe termijn van maandag 15 februari 2027 voor de stap \"Intake / screening\" van nazorgtraject traj-1 geldt niet meer.\nHet agenda-item in de bijlage annuleert de eerder gestuurde afspraak.\n\nOpen de zaak: https://werk.gemeente.example/cases/trajectory/traj-1\n\nDit bericht bevat bewust geen persoonsgegevens: open de zaak in de applicatie voor de details.\n",
            "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Vervallen: Intake / screening (nazorgtraject traj-1) per maandag 15 februari 2027</title></head><body><p>Beste collega,</p><p>De termijn van maandag 15 februari 2027 voor de stap &quot;Intake / screening&quot; van nazorgtraject traj-1 geldt niet meer.</p><p>Het agenda-item in de bijlage annuleert de eerder gestuurde afspraak.</p><p><a href=\"https://werk.gemeente.example/cases/trajectory/traj-1\">Open de zaak traj-1</a></p><p><small>Dit bericht bevat bewust geen persoonsgegevens: open de zaak in de applicatie voor de details.</small></p></body></html>"
        },
    };

    [Theory]
    [MemberData(nameof(ExactBodies))]
    public void Each_kind_reads_exactly_as_written(NotificationKind kind, string text, string html)
    {
        var mail = Templates.For(Notification(kind, "Intake / screening"));

        Assert.Equal(text, mail.Text);
        Assert.Equal(html, mail.Html);
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
    public void Activity_failed_alert_names_case_activity_and_error_and_links_only_to_a_case_page()
    {
        var trajectory = Templates.RenderActivityFailed(new AdminAlert("traj-1", "trajectory", "notify", "traj-1.n.intake.reminder.3", "Workflows.Orchestrations.Activities.ActivityException"));
        var schedule = Templates.RenderActivityFailed(new AdminAlert("digest-scheduler", "digest", "send-digests", "digest-scheduler.digest.<1>", "System.TimeoutException"));

        Assert.Equal(MailTemplates.ActivityFailed, trajectory.Template);
        Assert.Equal("Actie mislukt: notify van nazorgtraject traj-1", trajectory.Subject);
        Assert.Equal(
            "Beste collega,\n\nDe actie \"notify\" (traj-1.n.intake.reminder.3) van nazorgtraject traj-1 is na alle pogingen mislukt (Workflows.Orchestrations.Activities.ActivityException).\n"
            + "De zaak loopt verder, maar wat deze actie moest doen (bijvoorbeeld een e-mail versturen) is niet gebeurd. Zoek in de logboeken op het nummer van de actie en handel het zo nodig zelf af.\n"
            + "\nOpen de zaak: https://werk.gemeente.example/cases/trajectory/traj-1\n\nDit bericht bevat bewust geen persoonsgegevens: open de zaak in de applicatie voor de details.\n",
            trajectory.Text);
        Assert.Contains("href=\"https://werk.gemeente.example/cases/trajectory/traj-1\"", trajectory.Html, StringComparison.Ordinal);

        Assert.Equal("Actie mislukt: send-digests van digest digest-scheduler", schedule.Subject);
        Assert.DoesNotContain("Open de zaak", schedule.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", schedule.Html, StringComparison.Ordinal);
        Assert.Contains("digest-scheduler.digest.&lt;1&gt;", schedule.Html, StringComparison.Ordinal);
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
        Assert.Contains("https://werk.gemeente.example/cases/signal/sig-1", digest.Text, StringComparison.Ordinal);
        Assert.Contains("https://werk.gemeente.example/cases/trajectory/traj-1", digest.Html, StringComparison.Ordinal);
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
