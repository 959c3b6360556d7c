using System.Globalization;
using Workflows.Domain.Cases;

namespace Workflows.Application.Notifications.Templates;

/// <summary>Dutch wording of dates and case kinds, without depending on the machine's culture data (ICU).</summary>
public static class DutchFormat
{
    private static readonly string[] Days = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];

    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>"maandag 15 februari 2027".</summary>
    public static string Date(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{Days[(int)date.DayOfWeek]} {date.Day} {Months[date.Month - 1]} {date.Year}");

    /// <summary>"signaal huurachterstand" or "nazorgtraject".</summary>
    public static string Kind(CaseKind kind) => kind == CaseKind.Signal ? "signaal huurachterstand" : "nazorgtraject";

    /// <summary>The case page: <c>{baseUrl}/cases/{signal|trajectory}/{id}</c>.</summary>
    public static string CaseLink(string baseUrl, CaseKind kind, string caseId)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return $"{baseUrl.TrimEnd('/')}/cases/{(kind == CaseKind.Signal ? "signal" : "trajectory")}/{Uri.EscapeDataString(caseId)}";
    }
}
