using System.Text;
using System.Text.Encodings.Web;
using Workflows.Domain.Cases;
using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;
using Workflows.Orchestrations.Activities;

namespace Workflows.Application.Notifications.Templates;

/// <summary>
/// The Dutch emails: reminder, escalation, cancellation and the daily digest, each as text and HTML. They hold
/// ONLY the case reference, the kind of case, the step's Dutch label, the due date and a link to the case page
/// (RULES §2 "Personal data": never names, addresses, dates of birth, BSN or detention details); their inputs
/// carry nothing else, and every value is HTML-encoded.
/// </summary>
public sealed class MailTemplates(string baseUrl)
{
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";
    public const string Cancellation = "cancellation";
    public const string Digest = "digest";
    public const string DeliveryFailed = "delivery-failed";
    public const string ActivityFailed = "activity-failed";

    private const string Footer = "Dit bericht bevat bewust geen persoonsgegevens: open de zaak in de applicatie voor de details.";

    public RenderedMail For(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var (step, theCase, due) = (notification.StepLabel, Case(notification), DutchFormat.Date(notification.Due));
        return notification.Kind switch
        {
            NotificationKind.Reminder => Compose(Reminder, $"Herinnering: {step} ({theCase}) uiterlijk {due}", notification,
                $"De stap \"{step}\" van {theCase} moet uiterlijk {due} gedaan zijn.",
                "In de bijlage staat een agenda-item voor deze termijn; verschuift de termijn, dan wordt het bijgewerkt."),
            NotificationKind.Escalation => Compose(Escalation, $"Escalatie: {step} ({theCase}) is over de termijn", notification,
                $"De stap \"{step}\" van {theCase} had uiterlijk {due} gedaan moeten zijn en staat nog open.",
                "U ontvangt dit bericht omdat deze stap bij u is geëscaleerd."),
            _ => Compose(Cancellation, $"Vervallen: {step} ({theCase}) per {due}", notification,
                $"De termijn van {due} voor de stap \"{step}\" van {theCase} geldt niet meer.",
                "Het agenda-item in de bijlage annuleert de eerder gestuurde afspraak."),
        };
    }

    /// <summary>
    /// The alert to the admins when the provider refused a notification for good (a 4xx other than 429): which
    /// notification of which step, refused for which staff ids with which status; never an address.
    /// </summary>
    public RenderedMail RenderDeliveryFailed(Notification notification, IEnumerable<string> refusedFor)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var (step, theCase, due) = (notification.StepLabel, Case(notification), DutchFormat.Date(notification.Due));
        var what = notification.Kind switch
        {
            NotificationKind.Reminder => "herinnering",
            NotificationKind.Escalation => "escalatie",
            _ => "annulering",
        };
        return Compose(DeliveryFailed, $"Verzending mislukt: {what} voor {step} ({theCase})", notification,
            $"De mailprovider weigerde de {what} over de stap \"{step}\" van {theCase} (termijn {due}) voor: {string.Join(", ", refusedFor)}.",
            "Deze mail wordt niet opnieuw verstuurd. Controleer het e-mailadres van deze medewerkers en de instellingen van de mailprovider, en breng hen zelf op de hoogte van de termijn.");
    }

    /// <summary>
    /// The alert to the admins when an activity of a case failed after all its retries (ARCHITECTURE §5.4): which
    /// activity (name and id) of which case, and the error's type; ids only, never case data.
    /// </summary>
    public RenderedMail RenderActivityFailed(AdminAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var kind = alert.CaseType switch
        {
            SignalOrchestration.TypeName => CaseKind.Signal,
            TrajectoryOrchestration.TypeName => CaseKind.Trajectory,
            _ => (CaseKind?)null,
        };
        var theCase = kind is { } k ? $"{DutchFormat.Kind(k)} {alert.CaseId}" : $"{alert.CaseType} {alert.CaseId}";
        return Compose(ActivityFailed, $"Actie mislukt: {alert.Activity} van {theCase}", kind is { } known ? DutchFormat.CaseLink(baseUrl, known, alert.CaseId) : null, alert.CaseId,
            $"De actie \"{alert.Activity}\" ({alert.ActivityId}) van {theCase} is na alle pogingen mislukt ({alert.Error}).",
            "De zaak loopt verder, maar wat deze actie moest doen (bijvoorbeeld een e-mail versturen) is niet gebeurd. Zoek in de logboeken op het nummer van de actie en handel het zo nodig zelf af.");
    }

    public static string NameOf(NotificationKind kind) => kind switch
    {
        NotificationKind.Reminder => Reminder,
        NotificationKind.Escalation => Escalation,
        _ => Cancellation,
    };

    public RenderedMail RenderDigest(DigestContent digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var subject = $"Dagoverzicht {DutchFormat.Date(digest.Date)}: {digest.Overdue.Count} te laat, {digest.Today.Count} vandaag, {digest.ThisWeek.Count} deze week";
        (string Title, IReadOnlyList<DigestItem> Items)[] sections =
        [
            ("Te laat", digest.Overdue),
            ("Vandaag", digest.Today),
            ("Deze week", digest.ThisWeek),
            ("Te laat in uw team", digest.TeamOverdue),
        ];

        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append("Goedemorgen,\n\nUw open stappen op ").Append(DutchFormat.Date(digest.Date)).Append(".\n");
        html.Append(Open(subject)).Append("<p>Goedemorgen,</p><p>Uw open stappen op ").Append(H(DutchFormat.Date(digest.Date))).Append(".</p>");
        foreach (var (title, items) in sections)
        {
            if (items.Count == 0 && title == "Te laat in uw team")
            {
                continue;
            }

            text.Append('\n').Append(title).Append(" (").Append(items.Count).Append(")\n");
            html.Append("<h2>").Append(H(title)).Append(" (").Append(items.Count).Append(")</h2>");
            if (items.Count == 0)
            {
                text.Append("  geen\n");
                html.Append("<p>geen</p>");
                continue;
            }

            html.Append("<ul>");
            foreach (var item in items.OrderBy(i => i.Due).ThenBy(i => i.CaseId, StringComparer.Ordinal))
            {
                var link = DutchFormat.CaseLink(baseUrl, item.Kind, item.CaseId);
                var what = $"{item.StepLabel}: {DutchFormat.Kind(item.Kind)} {item.CaseId}, termijn {DutchFormat.Date(item.Due)}";
                text.Append("- ").Append(what).Append("\n  ").Append(link).Append('\n');
                html.Append("<li><a href=\"").Append(H(link)).Append("\">").Append(H(what)).Append("</a></li>");
            }

            html.Append("</ul>");
        }

        text.Append('\n').Append(Footer).Append('\n');
        html.Append("<p><small>").Append(H(Footer)).Append("</small></p>").Append(Close);
        return new RenderedMail(Digest, subject, text.ToString(), html.ToString());
    }

    /// <summary>The body every notification shares: greeting, its own lines, the link to the case, the footer.</summary>
    private RenderedMail Compose(string template, string subject, Notification n, params ReadOnlySpan<string> lines) =>
        Compose(template, subject, DutchFormat.CaseLink(baseUrl, n.CaseKind, n.CaseId), n.CaseId, lines);

    /// <summary>The shared body; without a <paramref name="link"/> (a case with no page, e.g. the digest schedule) no link line.</summary>
    private static RenderedMail Compose(string template, string subject, string? link, string caseId, params ReadOnlySpan<string> lines)
    {
        var text = new StringBuilder("Beste collega,\n\n");
        var html = new StringBuilder(Open(subject)).Append("<p>Beste collega,</p>");
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
            html.Append("<p>").Append(H(line)).Append("</p>");
        }

        if (link is not null)
        {
            text.Append("\nOpen de zaak: ").Append(link).Append('\n');
            html.Append("<p><a href=\"").Append(H(link)).Append("\">Open de zaak ").Append(H(caseId)).Append("</a></p>");
        }

        text.Append('\n').Append(Footer).Append('\n');
        html.Append("<p><small>").Append(H(Footer)).Append("</small></p>").Append(Close);
        return new RenderedMail(template, subject, text.ToString(), html.ToString());
    }

    private static string Case(Notification n) => $"{DutchFormat.Kind(n.CaseKind)} {n.CaseId}";

    private static string Open(string title) =>
        $"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{H(title)}</title></head><body>";

    private const string Close = "</body></html>";

    private static string H(string value) => HtmlEncoder.Default.Encode(value);
}
